// The PMS sync's batched writes (one INSERT … ON CONFLICT / UPDATE … FROM unnest per 5,000 rows)
// decide exactly what the row-by-row writes decided: rooms adopted by number, clashes skipped,
// renumbered and retyped rooms, a type or floor the vendor leaves out kept, unchanged rows not
// rewritten, a record sent twice written once (the last one), and the tenant's rows only.
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantDb } from '../../server/db/index'
import type { PmsReservationRecord, PmsRoomRecord, SkippedRecord } from '../../server/pms/index'
import { upsertReservations, upsertRooms } from '../../server/services/pms/sync'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
let vendorId: string
let otherVendorId: string

beforeAll(async () => {
  const code = (name: string) => ({ code: uniq(name), name })
  vendorId = (await db.privileged.pmsVendor.create({ data: code('batch-a') })).id
  otherVendorId = (await db.privileged.pmsVendor.create({ data: code('batch-b') })).id
})

async function hotel() {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_PROFESSIONAL' } })
  const tenant = await db.privileged.tenant.create({ data: { slug: uniq('batch'), name: 'Batch', planId: plan.id } })
  return { id: tenant.id, db: tenantDb(tenant.id) }
}

const room = (externalId: string, roomNumber: string, extra: Partial<PmsRoomRecord> = {}): PmsRoomRecord => ({
  externalId,
  roomNumber,
  name: null,
  roomType: null,
  floor: null,
  status: 'clean',
  changedAt: new Date('2026-11-30T01:00:00Z'),
  ...extra,
})
const stay = (externalId: string, extra: Partial<PmsReservationRecord> = {}): PmsReservationRecord => ({
  externalId,
  roomExternalId: null,
  guestName: '山田 花子',
  arrival: '2026-12-01',
  departure: '2026-12-03',
  status: 'confirmed',
  changedAt: new Date('2026-11-30T01:00:00Z'),
  ...extra,
})

describe('batched PMS writes', () => {
  it('rooms: new, adopted by number, renumbered, clashing, kept fields, unchanged not rewritten', async () => {
    const h = await hotel()
    // Typed in by the hotel (no vendor), one of another PMS, and one this vendor already linked.
    await h.db.room.create({ data: { tenantId: h.id, roomNumber: '101', roomType: '和室', floor: 1 } })
    await h.db.room.create({
      data: { tenantId: h.id, roomNumber: '201', pmsVendorId: otherVendorId, externalId: 'other-201' },
    })
    await h.db.room.create({
      data: { tenantId: h.id, roomNumber: '301', status: 'dirty', pmsVendorId: vendorId, externalId: 'v-301' },
    })
    const skipped: SkippedRecord[] = []
    const result = await h.db.$transaction((tx) =>
      upsertRooms(
        tx,
        h.id,
        vendorId,
        [
          room('v-101', '101', { status: 'inspected' }), // adopts the hand-typed 101, keeps its type and floor
          room('v-201', '201'), // 201 belongs to the other PMS
          room('v-301', '302', { floor: 3, roomType: 'Twin' }), // renumbered and retyped
          room('v-401', '401', { floor: 4 }), // new
        ],
        skipped,
        true,
      ),
    )
    expect(result).toEqual({ written: 3, removed: 0 })
    expect(skipped).toEqual([{ kind: 'room', externalId: 'v-201', reason: 'room number 201 belongs to another PMS' }])
    const rows = await h.db.room.findMany({ orderBy: { roomNumber: 'asc' } })
    expect(rows.map((r) => [r.roomNumber, r.status, r.roomType, r.floor, r.pmsVendorId, r.externalId])).toEqual([
      ['101', 'inspected', '和室', 1, vendorId, 'v-101'],
      ['201', 'clean', null, null, otherVendorId, 'other-201'],
      ['302', 'clean', 'Twin', 3, vendorId, 'v-301'],
      ['401', 'clean', null, 4, vendorId, 'v-401'],
    ])

    // The same pull again: nothing rewritten. Then 302 is gone at the vendor and 401 takes 302's number.
    const before = await h.db.room.findMany({ select: { id: true, updatedAt: true } })
    await h.db.$transaction((tx) =>
      upsertRooms(
        tx,
        h.id,
        vendorId,
        [room('v-101', '101', { status: 'inspected' }), room('v-301', '302'), room('v-401', '401', { floor: 4 })],
        [],
        true,
      ),
    )
    expect(await h.db.room.findMany({ select: { id: true, updatedAt: true } })).toEqual(expect.arrayContaining(before))
    const again: SkippedRecord[] = []
    const gone = await h.db.$transaction((tx) =>
      upsertRooms(
        tx,
        h.id,
        vendorId,
        [room('v-101', '101', { status: 'inspected' }), room('v-401', '302')],
        again,
        true,
      ),
    )
    // 302 is still taken by v-301 when the decisions are made: skipped, and v-301 is removed.
    expect(gone.removed).toBe(1)
    expect(again.map((s) => s.reason)).toEqual(['room number 302 is used by another room'])
  })

  it('reservations: inserted, updated, unchanged not rewritten, a record sent twice written once', async () => {
    const h = await hotel()
    const other = await hotel()
    const write = (tenant: typeof h, records: PmsReservationRecord[]) =>
      tenant.db.$transaction((tx) => upsertReservations(tx, tenant.id, vendorId, records))
    await write(h, [stay('a'), stay('b', { status: 'checked_in', roomExternalId: 'v-101' })])
    await write(other, [stay('a', { guestName: 'Other hotel' })]) // the same external id at another hotel
    const first = await h.db.pmsReservation.findMany({ orderBy: { externalId: 'asc' } })
    expect(first.map((r) => [r.externalId, r.status, r.roomExternalId, r.guestName])).toEqual([
      ['a', 'confirmed', null, '山田 花子'],
      ['b', 'checked_in', 'v-101', '山田 花子'],
    ])
    expect(first[0]!.arrival.toISOString()).toBe('2026-12-01T00:00:00.000Z')
    expect(first[0]!.pmsUpdatedAt?.toISOString()).toBe('2026-11-30T01:00:00.000Z')

    await new Promise((r) => setTimeout(r, 20))
    await write(h, [
      stay('a'), // unchanged
      stay('b', { status: 'checked_out', roomExternalId: 'v-101', changedAt: new Date('2026-11-30T02:00:00Z') }),
      stay('c', { guestName: 'first' }),
      stay('c', { guestName: 'last', departure: '2026-12-05' }),
    ])
    const second = await h.db.pmsReservation.findMany({ orderBy: { externalId: 'asc' } })
    expect(second.map((r) => [r.externalId, r.status, r.guestName])).toEqual([
      ['a', 'confirmed', '山田 花子'],
      ['b', 'checked_out', '山田 花子'],
      ['c', 'confirmed', 'last'],
    ])
    expect(second[0]!.updatedAt).toEqual(first[0]!.updatedAt)
    expect(second[1]!.updatedAt.getTime()).toBeGreaterThan(first[1]!.updatedAt.getTime())
    expect(second[2]!.departure.toISOString()).toBe('2026-12-05T00:00:00.000Z')
    expect((await other.db.pmsReservation.findMany()).map((r) => r.guestName)).toEqual(['Other hotel'])
  })
})
