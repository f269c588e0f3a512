// PMS vendor partners (platform data, HQ): the directory with its keys and connection health,
// registration and edits. The connectors themselves live in server/pms/.
import type { z } from 'zod'
import { privilegedDb } from '../db/index.ts'
import { msg, NotFound } from '../lib/errors.ts'
import type { pmsVendorInput, pmsVendorUpdateInput } from '../../shared/schemas/hq.ts'
import { recordAudit, type Actor } from './audit.ts'
import { businessRules } from './business-rules.ts'
import { refreshDraftRegistrationNumbers, setVendorRegistrationNumber } from './registration-numbers.ts'

/** Vendors with their API keys (never the keys themselves) and how many hotels connect, and fail. */
export async function listPmsVendors() {
  const db = privilegedDb()
  const vendors = await db.pmsVendor.findMany({
    orderBy: { code: 'asc' },
    include: {
      apiKeys: {
        select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
        orderBy: { createdAt: 'desc' },
      },
    },
  })
  const health = await db.pmsIntegration.groupBy({
    by: ['pmsVendorId', 'status'],
    where: { feature: 'room_status', status: { not: 'disconnected' } },
    _count: { _all: true },
  })
  const count = (id: string, failing: boolean) =>
    health
      .filter((h) => h.pmsVendorId === id && (!failing || h.status === 'error'))
      .reduce((n, h) => n + h._count._all, 0)
  return vendors.map((v) => ({ ...v, connectedHotels: count(v.id, false), failingHotels: count(v.id, true) }))
}

/** HQ registers a vendor; without a rate, the PMS default rate in force today (a business setting). */
export async function createPmsVendor(input: z.infer<typeof pmsVendorInput>, actor: Actor, now = new Date()) {
  return privilegedDb().$transaction(async (tx) => {
    const created = await tx.pmsVendor.create({
      data: {
        ...input,
        commissionRateBps: input.commissionRateBps ?? (await businessRules(tx, now)).pmsDefaultCommissionBps,
      },
    })
    await recordAudit(tx, actor, { action: 'create', entity: 'pms_vendor', entityId: created.id, after: created })
    return created
  })
}

/** HQ edits a vendor; a new registration number is copied onto its draft payouts. */
export async function updatePmsVendor(id: string, input: z.infer<typeof pmsVendorUpdateInput>, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.pmsVendor.findUnique({ where: { id } })
    if (!before)
      throw NotFound(
        msg('pms_vendor_not_found', 'この PMS ベンダーは見つかりません。', 'This PMS vendor does not exist.'),
      )
    const after = await tx.pmsVendor.update({ where: { id }, data: input })
    if (input.qualifiedInvoiceNumber !== undefined)
      await refreshDraftRegistrationNumbers(tx, 'pms_vendor', id, input.qualifiedInvoiceNumber)
    await recordAudit(tx, actor, { action: 'update', entity: 'pms_vendor', entityId: id, before, after })
    return after
  })
}

/** The calling vendor sets its own qualified-invoice registration number (API key). */
export async function updateVendorRegistrationNumber(
  vendorId: string,
  registrationNumber: string | null,
  actor: Actor,
) {
  return privilegedDb().$transaction(async (tx) => {
    const { before, after } = await setVendorRegistrationNumber(tx, vendorId, registrationNumber)
    await recordAudit(tx, actor, { action: 'update', entity: 'pms_vendor', entityId: vendorId, before, after })
    return { registrationNumber }
  })
}
