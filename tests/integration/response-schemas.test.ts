// The response schemas the OpenAPI document shows (shared/schemas/responses.ts) parse what the
// services really answer, as JSON; and the one audit helper records the actor the route gave.
import { describe, expect, it } from 'vitest'
import type { ZodType } from 'zod'
import * as responses from '../../shared/schemas/responses'
import { roomInput } from '../../shared/schemas/rooms'
import { pmsVendorInput } from '../../shared/schemas/hq'
import { scopeToTenant } from '../../server/db/tenancy'
import { agentProfile, createAgent, listRankSettings } from '../../server/services/agents'
import { recordAudit, type Actor } from '../../server/services/audit'
import { addRoom, hotelSummary, listRooms } from '../../server/services/hotel'
import { hotelInvoices } from '../../server/services/invoice-documents'
import { payoutsOf } from '../../server/services/payouts'
import { activePlans, planCatalogue } from '../../server/services/plans'
import { createPmsVendor, listPmsVendors } from '../../server/services/pms-vendors'
import { issueApiKey } from '../../server/services/api-keys'
import { vendorHotels } from '../../server/services/pms'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
const actor: Actor = { type: 'user', id: null, ip: '203.0.113.7', userAgent: 'vitest', tenantId: null }
/** What the route sends: the service's answer as JSON. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value))
const expectShape = (schema: ZodType, value: unknown) => {
  const parsed = schema.safeParse(asJson(value))
  expect(parsed.error?.issues ?? []).toEqual([])
}

describe('response schemas match the answers', () => {
  it('public plans, the HQ catalogue, rank settings and PMS vendors', async () => {
    expectShape(responses.publicPlanList, await activePlans())
    expectShape(responses.planCatalogueResponse, await planCatalogue())
    expectShape(responses.rankSettingList, await listRankSettings())
    expectShape(responses.pmsVendorList, await listPmsVendors())
  })

  it("a hotel's summary, rooms and invoices; an agent's profile and payouts; a vendor's hotels", async () => {
    const plan = await db.privileged.subscriptionPlan.findFirstOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('shape'), name: 'Shape Hotel', planId: plan.id },
    })
    const tdb = scopeToTenant(db.app, tenant.id)
    await addRoom(tdb, roomInput.parse({ roomNumber: '101' }), actor)
    const invoice = await db.privileged.invoice.create({
      data: {
        tenantId: tenant.id,
        number: uniq('INV'),
        periodStart: new Date('2026-11-01'),
        periodEnd: new Date('2026-11-30'),
        months: 1,
        planCode: plan.planCode,
        billingCycle: 'monthly',
        subtotal: 29_800,
        tax: 2_980,
        total: 32_780,
        dueDate: new Date('2026-11-30'),
      },
    })
    await db.privileged.invoiceLine.create({
      data: {
        tenantId: tenant.id,
        invoiceId: invoice.id,
        kind: 'plan',
        description: 'Leisure Economy',
        amount: 29_800,
      },
    })
    expectShape(responses.hotelSummaryResponse, { ...(await hotelSummary(tdb)), role: 'owner' })
    const rooms = await listRooms(tdb)
    expect(rooms).toHaveLength(1)
    expectShape(responses.roomList, rooms)
    expectShape(responses.hotelInvoiceList, await hotelInvoices(tdb))

    const agent = await createAgent(
      { companyName: 'Shape Agent', contactName: 'Sato', email: `${uniq('a')}@x.example` },
      actor,
    )
    expectShape(responses.agentProfileResponse, await agentProfile(agent))
    expectShape(responses.payoutList, await payoutsOf('agent', agent.id))
    const vendor = await createPmsVendor(pmsVendorInput.parse({ code: uniq('pmsv'), name: 'Shape PMS' }), actor)
    await issueApiKey(vendor.id, 'shape', actor)
    await db.privileged.pmsIntegration.create({
      data: { tenantId: tenant.id, pmsVendorId: vendor.id, feature: 'room_status', status: 'connected' },
    })
    const hotels = await vendorHotels(vendor.id)
    expect(hotels).toHaveLength(1)
    expectShape(responses.vendorHotelList, hotels)
    const vendors = await listPmsVendors()
    expect(vendors.find((v) => v.id === vendor.id)).toMatchObject({ connectedHotels: 1, failingHotels: 0 })
    expectShape(responses.pmsVendorList, vendors)
  })

  it('a schema that does not match fails: a room list is not a plan list', async () => {
    expect(responses.publicPlanList.safeParse([{ roomNumber: '101' }]).success).toBe(false)
  })
})

describe('recordAudit, the one way an audit entry is written', () => {
  it("records the route's actor (who, address, user agent) in the change's transaction, secrets redacted", async () => {
    const plan = await db.privileged.subscriptionPlan.findFirstOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('audit'), name: 'Audit Hotel', planId: plan.id },
    })
    const tdb = scopeToTenant(db.app, tenant.id)
    const room = await addRoom(tdb, roomInput.parse({ roomNumber: '201' }), {
      ...actor,
      tenantId: tenant.id,
    })
    const entry = await db.privileged.auditLog.findFirstOrThrow({ where: { entity: 'room', entityId: room.id } })
    expect(entry).toMatchObject({ action: 'create', actorType: 'user', ip: '203.0.113.7', userAgent: 'vitest' })
    expect(entry.tenantId).toBe(tenant.id)

    // An entry written in a transaction that rolls back is not kept.
    await expect(
      db.privileged.$transaction(async (tx) => {
        await recordAudit(tx, actor, { action: 'update', entity: 'probe', entityId: 'rolled-back' })
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await db.privileged.auditLog.count({ where: { entity: 'probe', entityId: 'rolled-back' } })).toBe(0)

    await recordAudit(db.privileged, actor, {
      action: 'update',
      entity: 'probe',
      entityId: 'redacted',
      after: { clientSecret: 'shh', keyHash: 'x', kept: 1 },
    })
    const redacted = await db.privileged.auditLog.findFirstOrThrow({ where: { entity: 'probe', entityId: 'redacted' } })
    expect(redacted.after).toEqual({ clientSecret: '[redacted]', keyHash: '[redacted]', kept: 1 })
  })
})
