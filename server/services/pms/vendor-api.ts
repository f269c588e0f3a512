// The PMS vendor's own API (API key): the hotels that connected it, and pushes of rooms and
// reservations into one of them.
import { privilegedDb, tenantDb } from '../../db/index.ts'
import type { TenantDb } from '../../db/tenancy.ts'
import { msg, NotFound } from '../../lib/errors.ts'
import type { PmsReservationRecord, PmsRoomRecord, SkippedRecord } from '../../pms/index.ts'
import { upsertRooms, upsertReservations, markOccupancy, delayOf } from './sync.ts'

/** A hotel that connected this vendor (by subdomain), or 404 for any other hotel. */
export async function hotelConnectedTo(vendorId: string, slug: string) {
  const tenant = await privilegedDb().tenant.findUnique({ where: { slug } })
  const connection =
    tenant &&
    (await tenantDb(tenant.id).pmsIntegration.findFirst({
      where: { pmsVendorId: vendorId, status: { in: ['connected', 'error'] } },
    }))
  if (!tenant || !connection)
    throw NotFound(
      msg(
        'pms_hotel_not_connected',
        `ホテル「${slug}」は御社の PMS と連携していません。`,
        `No hotel "${slug}" has connected your PMS.`,
      ),
    )
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
