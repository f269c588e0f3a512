// POST /api/webhooks/stripe over HTTP: signatures made with the SDK's test header; valid,
// tampered, missing, replayed.
import { randomUUID } from 'node:crypto'
import Stripe from 'stripe'
import { afterAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => { await db.$disconnect() })
const secret = () => process.env.TEST_STRIPE_WEBHOOK_SECRET!
const stripe = new Stripe('sk_test_unused')

function signed(payload: string, key = secret()) {
  return { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: key }), 'content-type': 'application/json' }
}

describe('Stripe webhooks', () => {
  it('a signed invoice.paid marks the hotel\'s invoice paid, once; tampered, unsigned and foreign-signed payloads are 400', async () => {
    const hotelC = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-c' } })
    const customer = `cus_${randomUUID().slice(0, 8)}`
    await db.tenant.update({ where: { id: hotelC.id }, data: { stripeCustomerId: customer } })
    const open = await db.invoice.findFirstOrThrow({ where: { tenantId: hotelC.id, status: 'open' } })
    const payload = JSON.stringify({ id: `evt_${randomUUID()}`, object: 'event', type: 'invoice.paid', created: Math.floor(Date.now() / 1000), data: { object: { id: `in_${randomUUID().slice(0, 8)}`, object: 'invoice', customer } } })
    const c = new Client(rootHost())

    expect((await c.call('POST', '/api/webhooks/stripe', { rawBody: payload.replace('invoice.paid', 'invoice.voided'), headers: signed(payload) })).status).toBe(400)
    expect((await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: { 'content-type': 'application/json' } })).status).toBe(400)
    expect((await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload, 'whsec_someone_else') })).status).toBe(400)
    expect(await db.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelC.id, id: open.id } } })).toMatchObject({ status: 'open' })

    const ok = await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload) })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ received: true, duplicate: false, outcome: 'paid' })
    const replay = await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload) })
    expect(replay.body).toEqual({ received: true, duplicate: true, outcome: 'duplicate' })
    expect(await db.payment.count({ where: { tenantId: hotelC.id, invoiceId: open.id } })).toBe(1)
    expect(await db.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelC.id, id: open.id } } })).toMatchObject({ status: 'paid' })
  })
})
