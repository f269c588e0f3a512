// Pull syncs: the vendor's rooms and reservations upserted on (tenant, vendor, external id), so
// replays and overlapping paths (webhooks, vendor pushes) converge on the same rows.
import { tenantDb } from '../../db/index.ts'
import type { TenantDb, TenantTx } from '../../db/tenancy.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { Conflict, msg, NotFound } from '../../lib/errors.ts'
import { open, SecretBoxError } from '../../lib/secret-box.ts'
import { VendorError, type PmsReservationRecord, type PmsRoomRecord, type SkippedRecord } from '../../pms/index.ts'
import { syncDelayMs, type PmsVendorCode } from '../../../shared/domain/pms.ts'
import type { PmsCredentials } from '../../../shared/schemas/pms.ts'
import type { SyncOptions, SyncSummary } from './common.ts'
import {
  FULL_SYNC_EVERY_MS,
  CURSOR_OVERLAP_MS,
  MAX_SKIPPED_REPORTED,
  requireKey,
  sealedFor,
  vendorByCode,
  vendorById,
  connectorFor,
  vendorFailure,
  redact,
  errorAdvice,
  notConnectedTo,
} from './common.ts'

async function loadConnection(db: TenantDb, code: PmsVendorCode) {
  const vendor = await vendorByCode(code)
  const rows = await db.pmsIntegration.findMany({ where: { pmsVendorId: vendor.id } })
  const main = rows.find((r) => r.feature === 'room_status')
  if (!main?.credentialsEncrypted || main.status === 'disconnected') throw NotFound(notConnectedTo(vendor.name))
  let credentials: PmsCredentials
  try {
    credentials = JSON.parse(
      open(requireKey(), main.credentialsEncrypted, sealedFor(db.tenantId, code)),
    ) as PmsCredentials
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error
    throw Conflict(
      msg(
        'pms_credentials_unreadable',
        `保存されている「${vendor.name}」の認証情報をこのサーバーで開けません` +
          '（PMS_CREDENTIALS_KEY が変更されました）。' +
          'PMS をもう一度連携してください。',
        `The saved ${vendor.name} credentials cannot be opened on this server (its PMS_CREDENTIALS_KEY changed). ` +
          'Reconnect the PMS.',
      ),
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
export async function upsertRooms(
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

export async function upsertReservations(
  tx: TenantTx,
  tenantId: string,
  vendorId: string,
  records: PmsReservationRecord[],
) {
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
export async function markOccupancy(
  tx: TenantTx,
  tenantId: string,
  vendorId: string,
  changed: PmsReservationRecord[] = [],
) {
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
export function delayOf(records: { changedAt: Date | null }[], since: Date | null, storedAt: Date): number | null {
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
  if (!connection)
    throw NotFound(
      msg(
        'pms_not_connected',
        'このホテルはまだ PMS と連携していません。',
        'This hotel is not connected to a PMS yet.',
      ),
    )
  const vendor = await vendorById(connection.pmsVendorId)
  try {
    return await syncConnection(db.tenantId, vendor.code as PmsVendorCode)
  } catch (error) {
    if (error instanceof VendorError) throw vendorFailure(error, vendor.name)
    throw error
  }
}
