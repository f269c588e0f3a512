// The hotel's PMS page: connection state (never the credentials), health, and the rooms board.
import type { TenantDb } from '../../db/tenancy.ts'
import { PMS_VENDORS } from '../../../shared/domain/pms.ts'
import { vendorById } from './common.ts'

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
            lastErrorKind: active.lastErrorKind,
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
