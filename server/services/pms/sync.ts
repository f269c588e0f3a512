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
  errorKind,
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

/** Rows per statement of the batched writes: arrays travel as one parameter each. */
const BATCH = 5_000

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH))

/**
 * Upserts rooms on (tenant, vendor, external id); a room the hotel typed in by hand is adopted by number.
 * The decisions are made in memory against one read of the hotel's rooms; new rooms are written with one
 * INSERT … SELECT unnest and changed ones with one UPDATE … FROM unnest per 5,000, so a 2,000-room hotel
 * costs a handful of round trips, not one per room. Unchanged rooms are not rewritten.
 */
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
  const creates: (RoomWrite & { externalId: string })[] = []
  const updates: RoomUpdate[] = []
  for (const record of records) {
    const status = effectiveStatus(record, inHouse)
    const data = {
      roomNumber: record.roomNumber,
      status,
      roomType: record.roomType || null,
      floor: record.floor,
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
      if (!unchanged(linked, record, status)) updates.push({ id: linked.id, ...data, externalId: null })
    } else if (clash && (!clash.pmsVendorId || clash.pmsVendorId === vendorId)) {
      updates.push({ id: clash.id, ...data, externalId: record.externalId })
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
      creates.push({ ...data, externalId: record.externalId })
      count++
    }
    written++
  }
  for (const batch of chunks(creates)) await insertRooms(tx, tenantId, vendorId, batch)
  for (const batch of chunks(updates)) await updateRooms(tx, tenantId, vendorId, batch)
  let removed = 0
  if (removeMissing) {
    const seen = new Set(records.map((r) => r.externalId))
    const gone = [...byExternal.values()].filter((r) => !seen.has(r.externalId!))
    if (gone.length)
      removed = (await tx.room.deleteMany({ where: { tenantId, id: { in: gone.map((r) => r.id) } } })).count
  }
  return { written, removed }
}

interface RoomWrite {
  roomNumber: string
  status: string
  roomType: string | null
  floor: number | null
  pmsUpdatedAt: Date
}
interface RoomUpdate extends RoomWrite {
  id: string
  /** Set when a room is adopted (linked to the vendor's record), null when it is already linked. */
  externalId: string | null
}

/**
 * One INSERT for many new rooms (Prisma's createMany of 2,000 rows costs seconds in its query compiler).
 * A type or floor the vendor does not send is left empty, as a create always left it.
 */
async function insertRooms(
  tx: TenantTx,
  tenantId: string,
  vendorId: string,
  rows: (RoomWrite & { externalId: string })[],
) {
  await tx.$executeRaw`
    INSERT INTO rooms (tenant_id, id, room_number, status, room_type, floor, pms_updated_at, pms_vendor_id,
                       external_id, updated_at)
    SELECT ${tenantId}, gen_random_uuid()::text, v.room_number, v.status::room_status, v.room_type, v.floor,
           v.pms_updated_at, ${vendorId}, v.external_id, now()
    FROM unnest(${rows.map((r) => r.roomNumber)}::text[], ${rows.map((r) => r.status)}::text[],
                ${rows.map((r) => r.roomType)}::text[], ${rows.map((r) => r.floor)}::int[],
                ${rows.map((r) => r.pmsUpdatedAt.toISOString())}::timestamptz[],
                ${rows.map((r) => r.externalId)}::text[])
      AS v(room_number, status, room_type, floor, pms_updated_at, external_id)`
}

/** One UPDATE for many rooms; a type or floor the vendor does not send keeps what the hotel typed. */
async function updateRooms(tx: TenantTx, tenantId: string, vendorId: string, rows: RoomUpdate[]) {
  await tx.$executeRaw`
    UPDATE rooms AS r SET
      room_number = u.room_number,
      status = u.status::room_status,
      room_type = COALESCE(u.room_type, r.room_type),
      floor = COALESCE(u.floor, r.floor),
      pms_updated_at = u.pms_updated_at,
      pms_vendor_id = CASE WHEN u.external_id IS NULL THEN r.pms_vendor_id ELSE ${vendorId} END,
      external_id = COALESCE(u.external_id, r.external_id),
      updated_at = now()
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.roomNumber)}::text[],
                ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.roomType)}::text[],
                ${rows.map((r) => r.floor)}::int[], ${rows.map((r) => r.pmsUpdatedAt.toISOString())}::timestamptz[],
                ${rows.map((r) => r.externalId)}::text[])
      AS u(id, room_number, status, room_type, floor, pms_updated_at, external_id)
    WHERE r.tenant_id = ${tenantId} AND r.id = u.id`
}

/**
 * Upserts reservations on (tenant, vendor, external id) with one INSERT … ON CONFLICT per 5,000 rows.
 * Reads overlap (the cursor looks back a little): a row that did not change is not rewritten (the
 * conflict's WHERE). A record the vendor sent twice in one batch counts once, the last one winning.
 */
export async function upsertReservations(
  tx: TenantTx,
  tenantId: string,
  vendorId: string,
  records: PmsReservationRecord[],
) {
  const latest = [...new Map(records.map((r) => [r.externalId, r])).values()]
  for (const rows of chunks(latest)) {
    await tx.$executeRaw`
      INSERT INTO pms_reservations AS p (tenant_id, id, pms_vendor_id, external_id, room_external_id, guest_name,
                                         arrival, departure, status, pms_updated_at, updated_at)
      SELECT ${tenantId}, gen_random_uuid()::text, ${vendorId}, v.external_id, v.room_external_id, v.guest_name,
             v.arrival, v.departure, v.status::reservation_status, v.pms_updated_at, now()
      FROM unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.roomExternalId)}::text[],
                  ${rows.map((r) => r.guestName)}::text[], ${rows.map((r) => r.arrival)}::date[],
                  ${rows.map((r) => r.departure)}::date[], ${rows.map((r) => r.status)}::text[],
                  ${rows.map((r) => r.changedAt?.toISOString() ?? null)}::timestamptz[])
        AS v(external_id, room_external_id, guest_name, arrival, departure, status, pms_updated_at)
      ON CONFLICT (tenant_id, pms_vendor_id, external_id) DO UPDATE SET
        room_external_id = EXCLUDED.room_external_id, guest_name = EXCLUDED.guest_name,
        arrival = EXCLUDED.arrival, departure = EXCLUDED.departure, status = EXCLUDED.status,
        pms_updated_at = EXCLUDED.pms_updated_at, updated_at = now()
      WHERE (p.room_external_id, p.guest_name, p.arrival, p.departure, p.status)
        IS DISTINCT FROM (EXCLUDED.room_external_id, EXCLUDED.guest_name, EXCLUDED.arrival, EXCLUDED.departure,
                          EXCLUDED.status)`
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
        lastErrorKind: null,
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
        lastError: message.slice(0, 1_000),
        lastErrorKind: errorKind(error),
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
