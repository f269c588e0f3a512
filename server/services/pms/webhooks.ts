// Vendor webhooks: stored at once after the secret and property are checked, processed right
// after (and by the 5-minute job for leftovers) by fetching what they name from the vendor.
import { privilegedDb, tenantDb } from '../../db/index.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { Invalid, msg } from '../../lib/errors.ts'
import { hashToken } from '../../lib/tokens.ts'
import { readWebhook } from '../../pms/index.ts'
import { syncDelayMs, type PmsVendorCode } from '../../../shared/domain/pms.ts'
import type { SyncOptions } from './common.ts'
import { CURSOR_OVERLAP_MS, WEBHOOK_LEASE_MS, assertVendor } from './common.ts'
import { syncConnection } from './sync.ts'

/**
 * Stores a vendor's webhook after checking the connection's secret and that the payload names the
 * connected property. Returns the stored event to process (asynchronously).
 */
export async function receiveWebhook(vendorCode: string, secret: string | null, payload: unknown) {
  const code = assertVendor(vendorCode)
  if (!secret)
    throw Invalid(
      msg(
        'webhook_secret_missing',
        'Webhook のシークレットがありません（ホテルの PMS ページに表示される Webhook URL をお使いください）。',
        "The webhook secret is missing (use the webhook URL shown on the hotel's PMS page).",
      ),
    )
  const integration = await privilegedDb().pmsIntegration.findUnique({
    where: { webhookSecretHash: hashToken(secret) },
    include: { pmsVendor: true },
  })
  if (!integration || integration.pmsVendor.code !== code || integration.status === 'disconnected')
    throw Invalid(
      msg(
        'webhook_secret_invalid',
        'この Webhook のシークレットはこの PMS では無効です。',
        'The webhook secret is not valid for this PMS.',
      ),
    )
  const notice = readWebhook(code, payload)
  if (notice.propertyId && integration.externalPropertyId && notice.propertyId !== integration.externalPropertyId)
    throw Invalid(
      msg(
        'webhook_property_mismatch',
        `この Webhook はプロパティ「${notice.propertyId}」宛てで、連携中のプロパティではありません。`,
        `This webhook is for property ${notice.propertyId}, not the connected one.`,
      ),
    )
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
