// The hotel's own data, always through its tenant-scoped client.
import type { TenantDb } from '../db/tenancy.ts'
import { Conflict, msg, NotFound } from '../lib/errors.ts'
import type { RoomInput } from '../../shared/schemas/rooms.ts'
import { assertRoomAvailable } from './entitlements.ts'
import { recordAudit, type Actor } from './audit.ts'

export async function hotelSummary(db: TenantDb) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true } })
  const rooms = await db.room.count()
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    billingCycle: tenant.billingCycle,
    contractStartDate: tenant.contractStartDate,
    plan: {
      code: tenant.plan.planCode,
      name: tenant.plan.name,
      monthlyPrice: tenant.plan.monthlyPrice,
      currency: tenant.plan.currency,
      maxRooms: tenant.plan.maxRooms,
      features: tenant.plan.features,
    },
    rooms: { used: rooms, limit: tenant.plan.maxRooms },
  }
}

const roomNumberTaken = (roomNumber: string) =>
  msg(
    'room_number_taken',
    `部屋番号「${roomNumber}」はこのホテルにすでに登録されています。`,
    `Room ${roomNumber} already exists in this hotel.`,
  )
const ROOM_NOT_FOUND = msg('room_not_found', 'この客室は見つかりません。', 'This room does not exist.')

export async function addRoom(db: TenantDb, input: RoomInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    await assertRoomAvailable(tx, db.tenantId)
    const exists = await tx.room.findFirst({ where: { roomNumber: input.roomNumber } })
    if (exists) throw Conflict(roomNumberTaken(input.roomNumber), { fields: ['roomNumber'] })
    const room = await tx.room.create({ data: { ...input, tenantId: db.tenantId } })
    await recordAudit(tx, actor, { action: 'create', entity: 'room', entityId: room.id, after: room })
    return room
  })
}

export async function updateRoom(db: TenantDb, id: string, input: Partial<RoomInput>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.room.findFirst({ where: { id } })
    if (!before) throw NotFound(ROOM_NOT_FOUND)
    if (
      input.roomNumber &&
      input.roomNumber !== before.roomNumber &&
      (await tx.room.findFirst({ where: { roomNumber: input.roomNumber } }))
    ) {
      throw Conflict(roomNumberTaken(input.roomNumber), { fields: ['roomNumber'] })
    }
    const after = await tx.room.update({ where: { tenantId_id: { tenantId: db.tenantId, id } }, data: input })
    await recordAudit(tx, actor, { action: 'update', entity: 'room', entityId: after.id, before, after })
    return after
  })
}

export async function removeRoom(db: TenantDb, id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const before = await tx.room.findFirst({ where: { id } })
    if (!before) throw NotFound(ROOM_NOT_FOUND)
    await tx.room.delete({ where: { tenantId_id: { tenantId: db.tenantId, id } } })
    await recordAudit(tx, actor, { action: 'delete', entity: 'room', entityId: before.id, before })
  })
}

/** The hotel's rooms by number. */
export async function listRooms(db: TenantDb) {
  return db.room.findMany({ orderBy: { roomNumber: 'asc' } })
}

/** How many rooms are in each status (the analytics feature). */
export async function roomsByStatus(db: TenantDb) {
  const byStatus = await db.room.groupBy({ by: ['status'], _count: { _all: true } })
  return { roomsByStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) }
}
