// The hotel's own data, always through its tenant-scoped client.
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import { Conflict, NotFound } from '../lib/errors.ts'
import type { RoomInput } from '../../shared/schemas/rooms.ts'
import { assertRoomAvailable } from './entitlements.ts'

type Room = Awaited<ReturnType<TenantDb['room']['findFirstOrThrow']>>
type AuditHook<A extends unknown[]> = (tx: TenantTx, ...args: A) => Promise<void>

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

export async function addRoom(db: TenantDb, input: RoomInput, audit: AuditHook<[Room]>) {
  return db.$transaction(async (tx) => {
    await assertRoomAvailable(tx, db.tenantId)
    const exists = await tx.room.findFirst({ where: { roomNumber: input.roomNumber } })
    if (exists) throw Conflict(`Room ${input.roomNumber} already exists in this hotel.`, { fields: ['roomNumber'] })
    const room = await tx.room.create({ data: { ...input, tenantId: db.tenantId } })
    await audit(tx, room)
    return room
  })
}

export async function updateRoom(db: TenantDb, id: string, input: Partial<RoomInput>, audit: AuditHook<[Room, Room]>) {
  return db.$transaction(async (tx) => {
    const before = await tx.room.findFirst({ where: { id } })
    if (!before) throw NotFound('This room does not exist.')
    if (
      input.roomNumber &&
      input.roomNumber !== before.roomNumber &&
      (await tx.room.findFirst({ where: { roomNumber: input.roomNumber } }))
    ) {
      throw Conflict(`Room ${input.roomNumber} already exists in this hotel.`, { fields: ['roomNumber'] })
    }
    const after = await tx.room.update({ where: { tenantId_id: { tenantId: db.tenantId, id } }, data: input })
    await audit(tx, before, after)
    return after
  })
}

export async function removeRoom(db: TenantDb, id: string, audit: AuditHook<[Room]>) {
  await db.$transaction(async (tx) => {
    const before = await tx.room.findFirst({ where: { id } })
    if (!before) throw NotFound('This room does not exist.')
    await tx.room.delete({ where: { tenantId_id: { tenantId: db.tenantId, id } } })
    await audit(tx, before)
  })
}
