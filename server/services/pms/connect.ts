// Connecting a hotel to its PMS (credentials checked with the vendor, sealed with AES-256-GCM) and
// disconnecting it. Each writes its audit entry in its own transaction.
import type { TenantDb } from '../../db/tenancy.ts'
import { Conflict, msg, NotFound } from '../../lib/errors.ts'
import { seal } from '../../lib/secret-box.ts'
import { hashToken, newToken } from '../../lib/tokens.ts'
import { VendorError } from '../../pms/index.ts'
import type { PmsCredentials } from '../../../shared/schemas/pms.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit.ts'
import type { SyncOptions, SyncSummary } from './common.ts'
import {
  FEATURES,
  assertVendor,
  requireKey,
  sealedFor,
  vendorByCode,
  vendorById,
  activeVendor,
  connectorFor,
  vendorFailure,
  redact,
  errorKind,
  notConnectedTo,
} from './common.ts'
import { syncConnection } from './sync.ts'

/**
 * Connects the hotel to a PMS: checks the credentials with the vendor, seals them, creates the
 * room_status and reservations connections, runs the first full sync.
 */
export async function connectPms(
  db: TenantDb,
  vendorCode: string,
  credentials: PmsCredentials,
  opts: SyncOptions & { actor?: Actor } = {},
) {
  const code = assertVendor(vendorCode)
  const key = requireKey()
  const vendor = await activeVendor(code)
  const other = await db.pmsIntegration.findFirst({
    where: { status: { in: ['connected', 'error'] }, NOT: { pmsVendorId: vendor.id } },
  })
  if (other) {
    const connected = (await vendorById(other.pmsVendorId)).name
    throw Conflict(
      msg(
        'pms_other_connected',
        `このホテルは「${connected}」と連携しています。「${vendor.name}」と連携する前に、連携を解除してください。`,
        `This hotel is connected to ${connected}. Disconnect it before connecting ${vendor.name}.`,
      ),
    )
  }
  const connector = connectorFor(vendor, code, credentials, opts)
  let property: { propertyId: string; propertyName: string }
  try {
    property = await connector.verify()
  } catch (error) {
    if (error instanceof Error) error.message = redact(error.message, credentials)
    throw vendorFailure(error, vendor.name)
  }
  const sealed = seal(key, JSON.stringify(credentials), sealedFor(db.tenantId, code))
  const webhookSecret = newToken(24)
  const now = new Date()
  await db.$transaction(async (tx) => {
    for (const feature of FEATURES) {
      const data = {
        status: 'connected' as const,
        credentialsEncrypted: new Uint8Array(sealed),
        externalPropertyId: property.propertyId,
        externalPropertyName: property.propertyName,
        webhookSecretHash: feature === 'room_status' ? hashToken(webhookSecret) : null,
        connectedAt: now,
        lastError: null,
        lastErrorAt: null,
        consecutiveFailures: 0,
        syncCursor: null,
      }
      await tx.pmsIntegration.upsert({
        where: { tenantId_pmsVendorId_feature: { tenantId: db.tenantId, pmsVendorId: vendor.id, feature } },
        create: { tenantId: db.tenantId, pmsVendorId: vendor.id, feature, ...data },
        update: data,
      })
    }
    await recordAudit(tx, opts.actor ?? SYSTEM_ACTOR, {
      action: 'connect',
      entity: 'pms_integration',
      entityId: code,
      after: { vendor: code, property, features: [...FEATURES] },
    })
  })
  // The credentials work and are saved; a first sync that fails is recorded on the connection
  // (with advice, shown on the PMS page) and retried by the 5-minute job.
  let sync: SyncSummary | null = null
  let syncError: { kind: string; message: string } | null = null
  try {
    sync = await syncConnection(db.tenantId, code, { ...opts, full: true })
  } catch (error) {
    if (!(error instanceof VendorError)) throw error
    syncError = { kind: errorKind(error), message: error.message }
  }
  return {
    status: 'connected' as const,
    vendor: code,
    features: [...FEATURES],
    property,
    webhookSecret,
    sync,
    syncError,
  }
}

/** Removes the credentials and the mirrored guests; rooms stay (the hotel still has them). */
export async function disconnectPms(db: TenantDb, vendorCode: string, actor: Actor = SYSTEM_ACTOR) {
  const code = assertVendor(vendorCode)
  const vendor = await vendorByCode(code)
  return db.$transaction(async (tx) => {
    const updated = await tx.pmsIntegration.updateMany({
      where: { pmsVendorId: vendor.id },
      data: { status: 'disconnected', credentialsEncrypted: null, webhookSecretHash: null, syncCursor: null },
    })
    if (updated.count === 0) throw NotFound(notConnectedTo(vendor.name))
    await tx.pmsReservation.deleteMany({ where: { pmsVendorId: vendor.id } })
    await tx.pmsWebhookEvent.deleteMany({ where: { pmsVendorId: vendor.id } })
    await recordAudit(tx, actor, {
      action: 'disconnect',
      entity: 'pms_integration',
      entityId: code,
      before: { vendor: code },
    })
    return { status: 'disconnected' as const, vendor: code }
  })
}
