// PMS connections: connect (credentials checked with the vendor, sealed with AES-256-GCM), pull
// syncs (the 5-minute job), webhooks (stored at once, processed right after), vendor pushes, and
// the hotel's view of it all. Every path upserts on (tenant, vendor, external id), so replays and
// overlapping paths converge on the same rows.
import { privilegedDb, tenantDb } from '../db/index.ts'
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { DomainError } from '../lib/errors.ts'
import { Conflict, Invalid, NotFound, Unavailable, Upstream } from '../lib/errors.ts'
import { credentialsKey, open, seal, SecretBoxError } from '../lib/secret-box.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import {
  createConnector,
  readWebhook,
  VendorError,
  type PmsReservationRecord,
  type PmsRoomRecord,
  type SkippedRecord,
} from '../pms/index.ts'
import { isPmsVendor, PMS_VENDORS, syncDelayMs, type PmsVendorCode } from '../../shared/domain/pms.ts'
import type { PmsCredentials } from '../../shared/schemas/pms.ts'
import { fiveMinuteSlot } from '../../shared/domain/schedule.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor } from './audit.ts'
import { runJobOnce, type JobOutcome } from './jobs.ts'
import { vendorRateLimiter } from './vendor-rate-limit.ts'

const FEATURES = ['room_status', 'reservations'] as const
const FULL_SYNC_EVERY_MS = 24 * 3_600_000
/** Reservations changed this long before the cursor are read again: vendors' clocks and commits lag. */
const CURSOR_OVERLAP_MS = 2 * 60_000
const MAX_SKIPPED_REPORTED = 20
/** How long a webhook processor holds its events before another may take them over. */
const WEBHOOK_LEASE_MS = 5 * 60_000

export interface SyncOptions {
  full?: boolean
  rooms?: boolean
  reservationsSince?: Date | null
  now?: Date
  timeoutMs?: number
  pageSize?: number
  sleep?: (ms: number) => Promise<void>
}
export interface SyncSummary {
  vendor: PmsVendorCode
  rooms: number
  reservations: number
  removedRooms: number
  skipped: number
  skippedRecords: SkippedRecord[]
  incremental: boolean
  delayMs: number | null
  requests: number
  retries: number
  rateLimited: number
}

export function assertVendor(code: string): PmsVendorCode {
  if (!isPmsVendor(code))
    throw Invalid(`Unsupported PMS vendor "${code}". Supported: ${PMS_VENDORS.join(', ')}.`, {
      supported: [...PMS_VENDORS],
    })
  return code
}

function requireKey(): Buffer {
  const key = credentialsKey()
  if (!key)
    throw Unavailable(
      'PMS connections are not configured on this server (PMS_CREDENTIALS_KEY is missing). Contact OmotenasuAI support.',
    )
  return key
}

const sealedFor = (tenantId: string, vendor: string) => `pms:${tenantId}:${vendor}`

async function vendorByCode(code: PmsVendorCode) {
  const vendor = await privilegedDb().pmsVendor.findUnique({ where: { code } })
  if (!vendor) throw NotFound(`${code} is not a PMS vendor of this platform.`)
  return vendor
}

/** A vendor's code and name by id: platform data, read through privilegedDb (the app role has no grant on pms_vendors). */
async function vendorById(id: string) {
  return privilegedDb().pmsVendor.findUniqueOrThrow({ where: { id }, select: { code: true, name: true } })
}

async function activeVendor(code: PmsVendorCode) {
  const vendor = await privilegedDb().pmsVendor.findUnique({ where: { code } })
  if (!vendor || !vendor.active)
    throw Conflict(`${code} is not available for new connections right now. Contact OmotenasuAI support.`)
  if (!vendor.apiEndpoint)
    throw Conflict(`${vendor.name} has no API endpoint configured yet. Contact OmotenasuAI support.`)
  return vendor
}

/** The vendor's connector at its HQ-configured endpoint, rate-limited across instances. */
const connectorFor = (
  vendor: { apiEndpoint: string | null },
  code: PmsVendorCode,
  credentials: PmsCredentials,
  opts: SyncOptions,
) =>
  createConnector(code, credentials, {
    baseUrl: vendor.apiEndpoint!,
    timeoutMs: opts.timeoutMs,
    pageSize: opts.pageSize,
    sleep: opts.sleep,
    limiter: vendorRateLimiter(),
  })

/** A vendor failure as a message the hotel manager can act on. */
export function vendorFailure(error: unknown, vendorName: string): DomainError {
  if (error instanceof VendorError) {
    if (error.kind === 'auth')
      return Invalid(
        `${vendorName} refused these credentials. Copy them again from ${vendorName} (they may have expired or been revoked).`,
        { fields: { credentials: 'Refused by the PMS.' } },
      )
    if (error.kind === 'rejected') return Invalid(`${vendorName} rejected the request: ${error.message}`)
    return Upstream(`${vendorName} could not be reached (${error.message}). Try again in a few minutes.`)
  }
  return Upstream(`${vendorName} answered in a way we could not read. Try again; if it persists, contact support.`)
}

/** A vendor's message with the hotel's credentials blanked out, should the vendor echo them back. */
export function redact(message: string, credentials: PmsCredentials): string {
  const values = Object.values(credentials).filter((v): v is string => typeof v === 'string' && v.length >= 4)
  // OPERA's token request carries clientId:clientSecret as HTTP Basic (base64).
  if ('clientId' in credentials && 'clientSecret' in credentials)
    values.push(Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64'))
  let out = message
  for (const value of values) out = out.split(value).join('[redacted]')
  return out
}

/** What to do about a sync error, for the PMS page. */
export function errorAdvice(error: unknown): string {
  if (error instanceof VendorError) {
    switch (error.kind) {
      case 'auth':
        return 'The PMS refused the saved credentials. Reconnect with new ones.'
      case 'rate_limited':
        return 'The PMS is limiting requests; the next sync continues automatically.'
      case 'timeout':
      case 'unavailable':
        return 'The PMS did not answer; we retry every 5 minutes. If this lasts an hour, check the PMS status page.'
      default:
        return 'The PMS rejected a request; if this repeats, contact support with the time shown.'
    }
  }
  return 'An unexpected error; we retry every 5 minutes. If this repeats, contact support with the time shown.'
}

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
  if (other)
    throw Conflict(
      `This hotel is connected to ${(await vendorById(other.pmsVendorId)).name}. Disconnect it before connecting ${vendor.name}.`,
    )
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
  let syncError: string | null = null
  try {
    sync = await syncConnection(db.tenantId, code, { ...opts, full: true })
  } catch (error) {
    if (!(error instanceof VendorError)) throw error
    syncError = `${error.message} — ${errorAdvice(error)}`
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
    if (updated.count === 0) throw NotFound(`This hotel is not connected to ${vendor.name}.`)
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

async function loadConnection(db: TenantDb, code: PmsVendorCode) {
  const vendor = await vendorByCode(code)
  const rows = await db.pmsIntegration.findMany({ where: { pmsVendorId: vendor.id } })
  const main = rows.find((r) => r.feature === 'room_status')
  if (!main?.credentialsEncrypted || main.status === 'disconnected')
    throw NotFound(`This hotel is not connected to ${vendor.name}.`)
  let credentials: PmsCredentials
  try {
    credentials = JSON.parse(
      open(requireKey(), main.credentialsEncrypted, sealedFor(db.tenantId, code)),
    ) as PmsCredentials
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error
    throw Conflict(
      `The saved ${vendor.name} credentials cannot be opened on this server (its PMS_CREDENTIALS_KEY changed). Reconnect the PMS.`,
    )
  }
  return { vendor, rows, main, reservationsRow: rows.find((r) => r.feature === 'reservations'), credentials }
}

const AVAILABLE = new Set(['clean', 'dirty', 'inspected'])

/** What the board shows: a room with a guest in house is occupied, unless it is out of order or service. */
const effectiveStatus = (record: PmsRoomRecord, inHouse: Set<string>) =>
  AVAILABLE.has(record.status) && inHouse.has(record.externalId) ? 'occupied' : record.status

function unchanged(
  room: { roomNumber: string; status: string; roomType: string | null; floor: number | null },
  record: PmsRoomRecord,
  status: string,
): boolean {
  return (
    room.status === status &&
    room.roomNumber === record.roomNumber &&
    (record.roomType === null || room.roomType === record.roomType) &&
    (record.floor === null || room.floor === record.floor)
  )
}

async function inHouseRooms(tx: TenantTx, tenantId: string, vendorId: string): Promise<Set<string>> {
  const stays = await tx.pmsReservation.findMany({
    where: { tenantId, pmsVendorId: vendorId, status: 'checked_in', roomExternalId: { not: null } },
    select: { roomExternalId: true },
  })
  return new Set(stays.map((r) => r.roomExternalId!))
}

/** Upserts rooms on (tenant, vendor, external id); a room the hotel typed in by hand is adopted by number. */
async function upsertRooms(
  tx: TenantTx,
  tenantId: string,
  vendorId: string,
  records: PmsRoomRecord[],
  skipped: SkippedRecord[],
  removeMissing: boolean,
) {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
  const existing = await tx.room.findMany({ where: { tenantId } })
  const byExternal = new Map(
    existing.filter((r) => r.pmsVendorId === vendorId && r.externalId).map((r) => [r.externalId!, r]),
  )
  const byNumber = new Map(existing.map((r) => [r.roomNumber, r]))
  const inHouse = await inHouseRooms(tx, tenantId, vendorId)
  let count = existing.length
  let written = 0
  for (const record of records) {
    const status = effectiveStatus(record, inHouse)
    const data = {
      roomNumber: record.roomNumber,
      status,
      ...(record.roomType ? { roomType: record.roomType } : {}),
      ...(record.floor !== null ? { floor: record.floor } : {}),
      pmsUpdatedAt: record.changedAt ?? new Date(),
    }
    const linked = byExternal.get(record.externalId)
    const clash = byNumber.get(record.roomNumber)
    if (linked) {
      if (clash && clash.id !== linked.id) {
        skipped.push({
          kind: 'room',
          externalId: record.externalId,
          reason: `room number ${record.roomNumber} is used by another room`,
        })
        continue
      }
      // Unchanged rooms are not rewritten: a pull of 200 rooms with one change is one UPDATE.
      if (unchanged(linked, record, status)) {
        written++
        continue
      }
      await tx.room.update({ where: { tenantId_id: { tenantId, id: linked.id } }, data })
    } else if (clash && (!clash.pmsVendorId || clash.pmsVendorId === vendorId)) {
      await tx.room.update({
        where: { tenantId_id: { tenantId, id: clash.id } },
        data: { ...data, pmsVendorId: vendorId, externalId: record.externalId },
      })
    } else if (clash) {
      skipped.push({
        kind: 'room',
        externalId: record.externalId,
        reason: `room number ${record.roomNumber} belongs to another PMS`,
      })
      continue
    } else if (count >= tenant.plan.maxRooms) {
      skipped.push({
        kind: 'room',
        externalId: record.externalId,
        reason: `the ${tenant.plan.name} plan covers ${tenant.plan.maxRooms} rooms`,
      })
      continue
    } else {
      await tx.room.create({ data: { tenantId, ...data, pmsVendorId: vendorId, externalId: record.externalId } })
      count++
    }
    written++
  }
  let removed = 0
  if (removeMissing) {
    const seen = new Set(records.map((r) => r.externalId))
    const gone = [...byExternal.values()].filter((r) => !seen.has(r.externalId!))
    if (gone.length)
      removed = (await tx.room.deleteMany({ where: { tenantId, id: { in: gone.map((r) => r.id) } } })).count
  }
  return { written, removed }
}

async function upsertReservations(tx: TenantTx, tenantId: string, vendorId: string, records: PmsReservationRecord[]) {
  // Reads overlap (the cursor looks back a little): rows that did not change are not rewritten.
  const existing = new Map<
    string,
    { roomExternalId: string | null; guestName: string | null; arrival: Date; departure: Date; status: string }
  >()
  for (let i = 0; i < records.length; i += 1_000) {
    const rows = await tx.pmsReservation.findMany({
      where: {
        tenantId,
        pmsVendorId: vendorId,
        externalId: { in: records.slice(i, i + 1_000).map((r) => r.externalId) },
      },
    })
    for (const row of rows) existing.set(row.externalId, row)
  }
  for (const r of records) {
    const data = {
      roomExternalId: r.roomExternalId,
      guestName: r.guestName,
      arrival: new Date(r.arrival),
      departure: new Date(r.departure),
      status: r.status,
      pmsUpdatedAt: r.changedAt,
    }
    const row = existing.get(r.externalId)
    if (
      row &&
      row.status === data.status &&
      row.roomExternalId === data.roomExternalId &&
      row.guestName === data.guestName &&
      row.arrival.getTime() === data.arrival.getTime() &&
      row.departure.getTime() === data.departure.getTime()
    )
      continue
    await tx.pmsReservation.upsert({
      where: { tenantId_pmsVendorId_externalId: { tenantId, pmsVendorId: vendorId, externalId: r.externalId } },
      create: { tenantId, pmsVendorId: vendorId, externalId: r.externalId, ...data },
      update: data,
    })
  }
  return records.length
}

/**
 * After reservations change: a room with a guest in house shows as occupied (unless out of order or
 * service); a room whose guest just left (in this batch) needs cleaning, so it shows as dirty until
 * the PMS says more. A room the PMS itself reports occupied is left as the PMS said.
 */
async function markOccupancy(tx: TenantTx, tenantId: string, vendorId: string, changed: PmsReservationRecord[] = []) {
  const inHouse = await inHouseRooms(tx, tenantId, vendorId)
  await tx.room.updateMany({
    where: {
      tenantId,
      pmsVendorId: vendorId,
      externalId: { in: [...inHouse] },
      status: { in: ['clean', 'dirty', 'inspected'] },
    },
    data: { status: 'occupied' },
  })
  const left = changed
    .filter(
      (r) =>
        r.roomExternalId && r.status !== 'checked_in' && r.status !== 'confirmed' && !inHouse.has(r.roomExternalId),
    )
    .map((r) => r.roomExternalId!)
  if (left.length)
    await tx.room.updateMany({
      where: { tenantId, pmsVendorId: vendorId, externalId: { in: left }, status: 'occupied' },
      data: { status: 'dirty' },
    })
}

/** The largest delay among records changed since `since` (what this write made visible). */
function delayOf(records: { changedAt: Date | null }[], since: Date | null, storedAt: Date): number | null {
  let worst: number | null = null
  for (const r of records) {
    if (!r.changedAt || (since && r.changedAt <= since)) continue
    const d = syncDelayMs(r.changedAt, storedAt)
    if (d !== null && (worst === null || d > worst)) worst = d
  }
  return worst
}

/**
 * One pull for a hotel's connection: rooms (always the whole list: it is small, and deletions show),
 * reservations incrementally from the cursor where the vendor allows, in full otherwise and daily.
 * Errors are recorded on the connection with what to do, and rethrown.
 */
export async function syncConnection(
  tenantId: string,
  code: PmsVendorCode,
  opts: SyncOptions = {},
): Promise<SyncSummary> {
  const db = tenantDb(tenantId)
  const now = opts.now ?? new Date()
  const { vendor, main, reservationsRow, credentials } = await loadConnection(db, code)
  const connector = connectorFor(vendor, code, credentials, opts)
  const full =
    opts.full ||
    !reservationsRow?.lastFullSyncAt ||
    now.getTime() - reservationsRow.lastFullSyncAt.getTime() > FULL_SYNC_EVERY_MS
  const since = full
    ? null
    : (opts.reservationsSince ??
      (reservationsRow?.syncCursor ? new Date(reservationsRow.syncCursor.getTime() - CURSOR_OVERLAP_MS) : null))
  try {
    const rooms = opts.rooms === false ? { records: [], skipped: [] } : await connector.rooms()
    const reservations = await connector.reservations(since, now)
    const skipped = [...rooms.skipped, ...reservations.skipped]
    const storedAt = new Date()
    const result = await db.$transaction(
      async (tx) => {
        // Reservations first: the rooms' upsert then knows who is in house.
        const n = await upsertReservations(tx, tenantId, vendor.id, reservations.records)
        const r =
          opts.rooms === false
            ? { written: 0, removed: 0 }
            : await upsertRooms(tx, tenantId, vendor.id, rooms.records, skipped, true)
        if (opts.rooms === false) await markOccupancy(tx, tenantId, vendor.id, reservations.records)
        return { rooms: r.written, removedRooms: r.removed, reservations: n }
      },
      { timeout: 60_000 },
    )
    const delayMs = delayOf([...rooms.records, ...reservations.records], main.lastSyncAt, storedAt)
    const stats = connector.stats
    const summary: SyncSummary = {
      vendor: code,
      ...result,
      skipped: skipped.length,
      skippedRecords: skipped.slice(0, MAX_SKIPPED_REPORTED),
      incremental: reservations.incremental,
      delayMs,
      requests: stats.requests,
      retries: stats.retries,
      rateLimited: stats.rateLimited,
    }
    await db.pmsIntegration.updateMany({
      where: { pmsVendorId: vendor.id },
      data: {
        status: 'connected',
        lastSyncAt: storedAt,
        ...(delayMs !== null ? { lastSyncDelayMs: delayMs } : {}),
        lastError: null,
        consecutiveFailures: 0,
        lastSyncStats: summary as unknown as Prisma.InputJsonValue,
      },
    })
    await db.pmsIntegration.updateMany({
      where: { pmsVendorId: vendor.id, feature: 'reservations' },
      data: { syncCursor: now, ...(reservations.incremental ? {} : { lastFullSyncAt: now }) },
    })
    return summary
  } catch (error) {
    if (error instanceof Error) error.message = redact(error.message, credentials) // never stored or logged
    const message = error instanceof VendorError ? error.message : `Unexpected: ${(error as Error).message}`
    await db.pmsIntegration.updateMany({
      where: { pmsVendorId: vendor.id },
      data: {
        status: 'error',
        lastError: `${message} — ${errorAdvice(error)}`.slice(0, 1_000),
        lastErrorAt: new Date(),
        consecutiveFailures: { increment: 1 },
      },
    })
    throw error
  }
}

/** "Sync now" from the hotel's PMS page: its connection pulled at once, vendor failures as 4xx/502. */
export async function syncNow(db: TenantDb) {
  const connection = await db.pmsIntegration.findFirst({
    where: { feature: 'room_status', status: { in: ['connected', 'error'] } },
  })
  if (!connection) throw NotFound('This hotel is not connected to a PMS yet.')
  const vendor = await vendorById(connection.pmsVendorId)
  try {
    return await syncConnection(db.tenantId, vendor.code as PmsVendorCode)
  } catch (error) {
    if (error instanceof VendorError) throw vendorFailure(error, vendor.name)
    throw error
  }
}

// ---------------------------------------------------------------- webhooks

/**
 * Stores a vendor's webhook after checking the connection's secret and that the payload names the
 * connected property. Returns the stored event to process (asynchronously).
 */
export async function receiveWebhook(vendorCode: string, secret: string | null, payload: unknown) {
  const code = assertVendor(vendorCode)
  if (!secret) throw Invalid("The webhook secret is missing (use the webhook URL shown on the hotel's PMS page).")
  const integration = await privilegedDb().pmsIntegration.findUnique({
    where: { webhookSecretHash: hashToken(secret) },
    include: { pmsVendor: true },
  })
  if (!integration || integration.pmsVendor.code !== code || integration.status === 'disconnected')
    throw Invalid('The webhook secret is not valid for this PMS.')
  const notice = readWebhook(code, payload)
  if (notice.propertyId && integration.externalPropertyId && notice.propertyId !== integration.externalPropertyId)
    throw Invalid(`This webhook is for property ${notice.propertyId}, not the connected one.`)
  const db = tenantDb(integration.tenantId)
  const event = await db.pmsWebhookEvent.create({
    data: {
      tenantId: integration.tenantId,
      pmsVendorId: integration.pmsVendorId,
      payload: payload as Prisma.InputJsonValue,
      eventAt: notice.eventAt,
    },
  })
  return { tenantId: integration.tenantId, eventId: event.id, vendor: code }
}

/** Processes a hotel's stored webhooks: fetch what they name from the vendor, upsert, mark done. */
export async function processWebhookEvents(tenantId: string, opts: SyncOptions = {}) {
  const db = tenantDb(tenantId)
  const pending = await db.pmsWebhookEvent.findMany({
    where: { processedAt: null, attempts: { lt: 10 } },
    orderBy: { receivedAt: 'asc' },
    take: 200,
  })
  if (pending.length === 0) return { processed: 0 }
  const vendors = await privilegedDb().pmsVendor.findMany({
    where: { id: { in: [...new Set(pending.map((e) => e.pmsVendorId))] } },
  })
  let processed = 0
  for (const vendor of vendors) {
    const code = vendor.code as PmsVendorCode
    // Claim each event with a lease: a concurrent processor (another instance, or the job) finds it
    // taken and leaves it alone; a processor that crashed lets its lease lapse and the job retries.
    const events = []
    for (const e of pending.filter((p) => p.pmsVendorId === vendor.id)) {
      const now = new Date()
      const claim = await db.pmsWebhookEvent.updateMany({
        where: { id: e.id, processedAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        data: { claimedUntil: new Date(now.getTime() + WEBHOOK_LEASE_MS), attempts: { increment: 1 } },
      })
      if (claim.count === 1) events.push(e)
    }
    if (events.length === 0) continue
    const notices = events.map((e) => readWebhook(code, e.payload))
    const earliest = Math.min(...events.map((e, i) => (notices[i]!.eventAt ?? e.receivedAt).getTime()))
    const ids = events.map((e) => e.id)
    try {
      const summary = await syncConnection(tenantId, code, {
        ...opts,
        rooms: notices.some((n) => n.rooms) || notices.every((n) => !n.reservations),
        reservationsSince: new Date(earliest - CURSOR_OVERLAP_MS),
      })
      const doneAt = new Date()
      await db.pmsWebhookEvent.updateMany({ where: { id: { in: ids } }, data: { processedAt: doneAt, error: null } })
      // With webhooks the delay is from the vendor's event (or our receipt) to the write.
      const delay = Math.max(
        summary.delayMs ?? 0,
        ...events.map((e, i) => syncDelayMs(notices[i]!.eventAt ?? e.receivedAt, doneAt) ?? 0),
      )
      await db.pmsIntegration.updateMany({ where: { pmsVendorId: vendor.id }, data: { lastSyncDelayMs: delay } })
      processed += events.length
    } catch (error) {
      // Left unprocessed (attempts counted): the next job run tries again, up to 10 times.
      await db.pmsWebhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { error: (error as Error).message.slice(0, 500), claimedUntil: null },
      })
    }
  }
  return { processed }
}

// ---------------------------------------------------------------- vendor API and views

/** A hotel that connected this vendor (by subdomain), or 404 for any other hotel. */
export async function hotelConnectedTo(vendorId: string, slug: string) {
  const tenant = await privilegedDb().tenant.findUnique({ where: { slug } })
  const connection =
    tenant &&
    (await tenantDb(tenant.id).pmsIntegration.findFirst({
      where: { pmsVendorId: vendorId, status: { in: ['connected', 'error'] } },
    }))
  if (!tenant || !connection) throw NotFound(`No hotel "${slug}" has connected your PMS.`)
  return tenant
}

/** Room status pushed by a vendor for a hotel that connected it. */
export async function pushRooms(
  vendorId: string,
  slug: string,
  rooms: (Omit<PmsRoomRecord, 'changedAt' | 'name' | 'roomType' | 'floor'> & {
    roomType?: string
    floor?: number
    changedAt?: string
  })[],
) {
  const tenant = await hotelConnectedTo(vendorId, slug)
  const db = tenantDb(tenant.id)
  const skipped: SkippedRecord[] = []
  const records = rooms.map((r) => ({
    ...r,
    name: null,
    roomType: r.roomType ?? null,
    floor: r.floor ?? null,
    changedAt: r.changedAt ? new Date(r.changedAt) : null,
  }))
  const storedAt = new Date()
  const result = await db.$transaction((tx) => upsertRooms(tx, tenant.id, vendorId, records, skipped, false))
  await recordPush(db, vendorId, records, storedAt)
  return { accepted: result.written, skipped }
}

export async function pushReservations(
  vendorId: string,
  slug: string,
  reservations: (Omit<PmsReservationRecord, 'changedAt' | 'roomExternalId' | 'guestName'> & {
    roomExternalId?: string | null
    guestName?: string | null
    changedAt?: string
  })[],
) {
  const tenant = await hotelConnectedTo(vendorId, slug)
  const db = tenantDb(tenant.id)
  const records = reservations.map((r) => ({
    ...r,
    roomExternalId: r.roomExternalId ?? null,
    guestName: r.guestName ?? null,
    changedAt: r.changedAt ? new Date(r.changedAt) : null,
  }))
  const storedAt = new Date()
  const accepted = await db.$transaction(async (tx) => {
    const n = await upsertReservations(tx, tenant.id, vendorId, records)
    await markOccupancy(tx, tenant.id, vendorId, records)
    return n
  })
  await recordPush(db, vendorId, records, storedAt)
  return { accepted }
}

async function recordPush(db: TenantDb, vendorId: string, records: { changedAt: Date | null }[], storedAt: Date) {
  const delay = delayOf(records, null, storedAt)
  await db.pmsIntegration.updateMany({
    where: { pmsVendorId: vendorId },
    data: { lastSyncAt: storedAt, ...(delay !== null ? { lastSyncDelayMs: delay } : {}) },
  })
}

/** The vendor's connected hotels and each connection's health. */
export async function vendorHotels(vendorId: string) {
  const rows = await privilegedDb().pmsIntegration.findMany({
    where: { pmsVendorId: vendorId, status: { not: 'disconnected' } },
    include: { tenant: { select: { slug: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const byTenant = new Map<
    string,
    {
      hotel: string
      name: string
      connections: {
        feature: string
        status: string
        lastSyncAt: Date | null
        syncDelayMs: number | null
        lastError: string | null
        consecutiveFailures: number
      }[]
    }
  >()
  for (const r of rows) {
    const entry = byTenant.get(r.tenantId) ?? { hotel: r.tenant.slug, name: r.tenant.name, connections: [] }
    entry.connections.push({
      feature: r.feature,
      status: r.status,
      lastSyncAt: r.lastSyncAt,
      syncDelayMs: r.lastSyncDelayMs,
      lastError: r.lastError,
      consecutiveFailures: r.consecutiveFailures,
    })
    byTenant.set(r.tenantId, entry)
  }
  return [...byTenant.values()]
}

/** The hotel's PMS page: connection state (never the credentials), health, and the rooms board. */
export async function pmsOverview(db: TenantDb, today: string) {
  const connections = await db.pmsIntegration.findMany({ orderBy: { feature: 'asc' } })
  const rooms = await db.room.findMany({ orderBy: [{ floor: 'asc' }, { roomNumber: 'asc' }] })
  const stays = await db.pmsReservation.findMany({
    where: {
      status: { in: ['checked_in', 'confirmed'] },
      arrival: { lte: new Date(today) },
      departure: { gte: new Date(today) },
    },
  })
  const guestOf = new Map<string, { name: string | null; status: string; departure: Date }>()
  for (const s of stays)
    if (s.roomExternalId && (s.status === 'checked_in' || !guestOf.has(s.roomExternalId)))
      guestOf.set(s.roomExternalId, { name: s.guestName, status: s.status, departure: s.departure })
  const active = connections.find((c) => c.status !== 'disconnected' && c.feature === 'room_status')
  const vendor = active && (await vendorById(active.pmsVendorId))
  return {
    vendors: PMS_VENDORS,
    connection:
      active && vendor
        ? {
            vendor: vendor.code,
            vendorName: vendor.name,
            status: active.status,
            property: active.externalPropertyName ?? active.externalPropertyId,
            connectedAt: active.connectedAt,
            lastSyncAt: active.lastSyncAt,
            syncDelayMs: active.lastSyncDelayMs,
            lastError: active.lastError,
            lastErrorAt: active.lastErrorAt,
            consecutiveFailures: active.consecutiveFailures,
            lastSync: active.lastSyncStats,
            features: connections
              .filter((c) => c.pmsVendorId === active.pmsVendorId && c.status !== 'disconnected')
              .map((c) => c.feature),
          }
        : null,
    rooms: rooms.map((r) => ({
      id: r.id,
      roomNumber: r.roomNumber,
      roomType: r.roomType,
      floor: r.floor,
      status: r.status,
      fromPms: Boolean(r.externalId),
      guest: r.externalId ? (guestOf.get(r.externalId) ?? null) : null,
    })),
  }
}

/** Every connection the pull job visits: connected or erring, with credentials. */
export async function connectionsToSync() {
  const rows = await privilegedDb().pmsIntegration.findMany({
    where: { feature: 'room_status', status: { in: ['connected', 'error'] }, credentialsEncrypted: { not: null } },
    include: { pmsVendor: { select: { code: true } } },
  })
  return rows.map((r) => ({ id: r.id, tenantId: r.tenantId, vendor: r.pmsVendor.code as PmsVendorCode }))
}

/**
 * The pms-sync job (every 5 minutes): each active connection pulled exactly once per 5-minute slot
 * across app instances (runJobOnce keyed on the connection and the slot), then any webhook a failed
 * background run left behind. One connection's failure is recorded on it and stops no other.
 * `slot` is the period key: the 5-minute slot for the schedule, a unique key for HQ's "run now".
 */
export async function runPmsSyncJob(now = new Date(), slot = fiveMinuteSlot(now), opts: SyncOptions = {}) {
  const outcomes: { connection: string; outcome: JobOutcome }[] = []
  for (const connection of await connectionsToSync()) {
    const outcome = await runJobOnce(privilegedDb(), `pms-sync:${connection.id}`, slot, async () => {
      try {
        const summary = await syncConnection(connection.tenantId, connection.vendor, { ...opts, now })
        await processWebhookEvents(connection.tenantId, opts)
        return {
          tenantId: connection.tenantId,
          vendor: connection.vendor,
          rooms: summary.rooms,
          reservations: summary.reservations,
          skipped: summary.skipped,
          delayMs: summary.delayMs,
        }
      } catch (error) {
        // Recorded on the connection (with advice); the run itself is done for this slot.
        return { tenantId: connection.tenantId, vendor: connection.vendor, error: (error as Error).message }
      }
    })
    outcomes.push({ connection: connection.id, outcome })
  }
  return { connections: outcomes.length, ran: outcomes.filter((o) => o.outcome.status === 'ran').length, outcomes }
}
