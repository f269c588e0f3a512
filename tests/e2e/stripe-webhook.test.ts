// POST /api/webhooks/stripe over HTTP: signatures made with the SDK's test header; valid,
// tampered, missing, replayed.
import { randomUUID } from 'node:crypto'
import Stripe from 'stripe'
import { afterAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, rootHost } from '../helpers/http'
import type { Json } from '../helpers/json'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})
const secret = () => process.env.TEST_STRIPE_WEBHOOK_SECRET!
const stripe = new Stripe('sk_test_unused')

function signed(payload: string, key = secret()) {
  return {
    'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: key }),
    'content-type': 'application/json',
  }
}

describe('Stripe webhooks', () => {
  it(`a signed invoice.paid marks the hotel's invoice paid, once; tampered, unsigned and foreign-signed payloads are \
400`, async () => {
    const hotelC = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-c' } })
    const customer = `cus_${randomUUID().slice(0, 8)}`
    await db.tenant.update({ where: { id: hotelC.id }, data: { stripeCustomerId: customer } })
    const open = await db.invoice.findFirstOrThrow({ where: { tenantId: hotelC.id, status: 'open' } })
    const payload = JSON.stringify({
      id: `evt_${randomUUID()}`,
      object: 'event',
      type: 'invoice.paid',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: `in_${randomUUID().slice(0, 8)}`, object: 'invoice', customer } },
    })
    const c = new Client(rootHost())

    expect(
      (
        await c.call('POST', '/api/webhooks/stripe', {
          rawBody: payload.replace('invoice.paid', 'invoice.voided'),
          headers: signed(payload),
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await c.call('POST', '/api/webhooks/stripe', {
          rawBody: payload,
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await c.call('POST', '/api/webhooks/stripe', {
          rawBody: payload,
          headers: signed(payload, 'whsec_someone_else'),
        })
      ).status,
    ).toBe(400)
    expect(
      await db.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelC.id, id: open.id } } }),
    ).toMatchObject({ status: 'open' })

    const ok = await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload) })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ received: true, duplicate: false, outcome: 'paid' })
    const replay = await c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload) })
    expect(replay.body).toEqual({ received: true, duplicate: true, outcome: 'duplicate' })
    expect(await db.payment.count({ where: { tenantId: hotelC.id, invoiceId: open.id } })).toBe(1)
    expect(
      await db.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelC.id, id: open.id } } }),
    ).toMatchObject({ status: 'paid' })
  })
})

describe('Stripe as the source of truth, over HTTP', () => {
  it(`signed invoice.paid then invoice.finalized (out of order) make one invoice with Stripe's amounts and one \
payment at amount_paid with its payment intent; replays change nothing`, async () => {
    const { startFakeStripe } = await import('../helpers/fake-stripe')
    const { createStripeClient, createStripeGateway } = await import('../../server/services/stripe-gateway')
    const fake = await startFakeStripe()
    try {
      const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_STANDARD' } })
      const slug = `stripe-${randomUUID().slice(0, 8)}`
      const tenant = await db.tenant.create({
        data: {
          slug,
          name: 'Stripe Source Hotel',
          planId: plan.id,
          billingCycle: 'monthly',
          contractStartDate: new Date('2026-11-01'),
        },
      })
      const gateway = createStripeGateway(createStripeClient({ secretKey: 'sk_test_fake', apiBase: fake.url }))
      const { customerId, subscriptionId } = await gateway.subscribe(
        { id: tenant.id, slug, name: tenant.name, ownerEmail: 'o@hotel.example', stripeCustomerId: null },
        plan,
        'monthly',
      )
      await db.tenant.update({
        where: { id: tenant.id },
        data: { stripeCustomerId: customerId, stripeSubscriptionId: subscriptionId },
      })
      await gateway.applyReferralCoupon(subscriptionId, `ref-${slug}`)
      const invoice = fake.billSubscription(subscriptionId, { periodStart: 1_793_458_800, pay: true }) as Record<
        string,
        Json
      >
      const payments = {
        object: 'list',
        data: [...fake.objects.values()].filter((o) => o.object === 'invoice_payment' && o.invoice === invoice.id),
        has_more: false,
      }
      const c = new Client(rootHost())
      const send = async (event: Record<string, unknown>) => {
        const payload = JSON.stringify(event)
        return c.call('POST', '/api/webhooks/stripe', { rawBody: payload, headers: signed(payload) })
      }
      const paid = fake.event('invoice.paid', { ...invoice, payments })
      const finalized = fake.event('invoice.finalized', { ...invoice, status: 'open', amount_paid: 0 })
      expect((await send(paid)).body).toEqual({ received: true, duplicate: false, outcome: 'paid' })
      expect((await send(finalized)).body).toEqual({ received: true, duplicate: false, outcome: 'invoice_exists' })
      expect((await send(paid)).body).toEqual({ received: true, duplicate: true, outcome: 'duplicate' })

      const ours = await db.invoice.findMany({
        where: { tenantId: tenant.id },
        include: { lines: { orderBy: { sortOrder: 'asc' } }, payments: true },
      })
      expect(ours).toHaveLength(1)
      expect(ours[0]).toMatchObject({
        stripeInvoiceId: invoice.id,
        status: 'paid',
        periodStart: new Date('2026-11-01'),
        subtotal: invoice.total_excluding_tax,
        tax: invoice.total_taxes[0].amount,
        total: invoice.total,
      })
      expect(ours[0]!.lines.map((l) => [l.kind, l.amount])).toEqual([
        ['plan', 59_800],
        ['referral_discount', -5_980],
      ])
      expect(ours[0]!.payments).toMatchObject([
        {
          method: 'stripe',
          amount: invoice.amount_paid,
          stripePaymentIntentId: (payments.data[0]!.payment as { payment_intent: string }).payment_intent,
        },
      ])
    } finally {
      await fake.close()
    }
  })
})
