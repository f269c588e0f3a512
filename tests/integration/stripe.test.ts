// The production Stripe gateway against a local fake Stripe, and webhook processing on a real
// database: customers, prices (biennial = 24-month interval), subscriptions, the referral coupon,
// refunds, idempotency keys on every call; events processed exactly once, in any order.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueInvoice } from '../../server/services/billing'
import { createStripeClient, createStripeGateway } from '../../server/services/stripe-gateway'
import { processStripeEvent } from '../../server/services/stripe-webhooks'
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe'
import { SYSTEM_ACTOR } from '../../server/services/audit'
import { ensureCatalogue, ownerUrl, testClients, uniq } from '../helpers/db'

let fake: FakeStripe
let db: ReturnType<typeof testClients>
const settings = () => ({ secretKey: 'sk_test_fake_123', apiBase: fake.url })

beforeAll(async () => {
  process.env.DATABASE_URL = ownerUrl() // for privilegedDb() inside the sync service
  fake = await startFakeStripe()
  db = testClients()
  await ensureCatalogue(db.privileged)
})
afterAll(async () => {
  await fake.close()
  await db.close()
  const { closeDatabases } = await import('../../server/db/index')
  await closeDatabases()
})

/** The coupons on a subscription in the fake Stripe, in order. */
function couponsOn(subscriptionId: string) {
  return (fake.objects.get(subscriptionId)!.discounts as string[]).map(
    (id) => (fake.objects.get(id)!.source as { coupon: string }).coupon,
  )
}

async function tenantWithOwner(
  planCode = 'OMOTENASU_PROFESSIONAL',
  cycle: 'monthly' | 'yearly' | 'biennial' = 'biennial',
) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({
    data: {
      slug: uniq('stripe'),
      name: 'Stripe Hotel',
      planId: plan.id,
      billingCycle: cycle,
      contractStartDate: new Date('2026-11-01'),
    },
  })
  const owner = await db.privileged.user.create({
    data: { email: `${uniq('owner')}@hotel.example`, name: 'Owner', passwordHash: 'x' },
  })
  await db.privileged.tenantMembership.create({ data: { tenantId: tenant.id, userId: owner.id, role: 'owner' } })
  return { tenant, plan, owner }
}

describe('the Stripe gateway', () => {
  it(`puts the referral coupon on the referrer's subscription once its referral converts, once, and retries after an \
outage`, async () => {
    const { syncTenantToStripe, applyReferralCoupons } = await import('../../server/services/stripe-sync')
    const { recordPayment } = await import('../../server/services/billing')
    const referrer = await tenantWithOwner('LEISURE_ECONOMY', 'monthly')
    const { subscriptionId } = (await syncTenantToStripe(referrer.tenant.id, settings()))!
    const referred = await tenantWithOwner('LEISURE_ECONOMY', 'monthly')
    const referral = await db.privileged.referral.create({
      data: {
        code: uniq('H'),
        referrerType: 'customer',
        referrerTenantId: referrer.tenant.id,
        referredTenantId: referred.tenant.id,
      },
    })
    const invoice = await issueInvoice(db.privileged, referred.tenant, referred.plan, 'monthly', '2026-11-01')

    // Stripe is down when the conversion commits: nothing is lost, the discount waits.
    await db.privileged.$transaction((tx) => recordPayment(tx, referred.tenant.id, invoice.id, { method: 'manual' }))
    expect(await applyReferralCoupons({ secretKey: 'sk_test_fake_123', apiBase: 'http://127.0.0.1:9' })).toMatchObject({
      applied: 0,
      failed: expect.any(Number),
    })
    expect(await db.privileged.referralDiscount.findFirst({ where: { referralId: referral.id } })).toMatchObject({
      tenantId: referrer.tenant.id,
      stripeCouponId: null,
    })

    const mark = fake.requests.length
    const outcome = await applyReferralCoupons(settings())
    expect(outcome.applied).toBeGreaterThanOrEqual(1)
    const discount = await db.privileged.referralDiscount.findFirstOrThrow({ where: { referralId: referral.id } })
    expect(discount.stripeCouponId).toBeTruthy()
    expect(couponsOn(subscriptionId)).toEqual([discount.stripeCouponId])
    expect(fake.objects.get(subscriptionId)).toMatchObject({ metadata: { referralId: referral.id } })
    expect(
      fake.requests.slice(mark).some((r) => r.idempotencyKey === `referral-coupon:${subscriptionId}:${referral.id}`),
    ).toBe(true)

    // Done once: a rerun sends nothing for this discount.
    const again = fake.requests.length
    await applyReferralCoupons(settings())
    expect(fake.requests.slice(again).filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`)).toEqual([])
  })
  it(`subscribes a tenant: customer, a JPY price per plan and cycle, tax, subscription; every write \
idempotent`, async () => {
    const { syncTenantToStripe } = await import('../../server/services/stripe-sync')
    const { tenant } = await tenantWithOwner()
    const before = fake.requests.length
    const ids = await syncTenantToStripe(tenant.id, settings())
    const calls = fake.requests.slice(before)
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/customers',
      'GET /v1/prices',
      'POST /v1/prices',
      'POST /v1/tax_rates',
      'POST /v1/subscriptions',
    ])
    expect(calls.every((r) => r.authorization === 'Bearer sk_test_fake_123')).toBe(true)
    expect(calls.filter((r) => r.method === 'POST').every((r) => r.idempotencyKey)).toBe(true)
    expect(calls[0]).toMatchObject({
      idempotencyKey: `customer:${tenant.id}`,
      form: { 'metadata[tenantId]': tenant.id },
    })
    expect(calls[2]!.form).toMatchObject({
      currency: 'jpy',
      unit_amount: String(102_400 * 24),
      'recurring[interval]': 'month',
      'recurring[interval_count]': '24',
    })
    expect(calls[3]!.form).toMatchObject({ percentage: '10', country: 'JP', inclusive: 'false' })
    expect(calls[4]!.form).toMatchObject({
      customer: ids!.customerId,
      'metadata[tenantId]': tenant.id,
      collection_method: 'send_invoice',
    })
    expect(calls[4]!.form['items[0][price]']).toMatch(/^price_/)
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({
      stripeCustomerId: ids!.customerId,
      stripeSubscriptionId: ids!.subscriptionId,
    })

    // Synced already: nothing more is sent. Another hotel on the same plan and cycle reuses the price.
    const mark = fake.requests.length
    await syncTenantToStripe(tenant.id, settings())
    expect(fake.requests.length).toBe(mark)
    const other = await tenantWithOwner()
    await syncTenantToStripe(other.tenant.id, settings())
    expect(fake.requests.slice(mark).map((r) => `${r.method} ${r.path}`)).not.toContain('POST /v1/prices')
  })

  it('applies the customer-referral coupon (10% for 6 months) and refunds, with idempotency keys', async () => {
    const gateway = createStripeGateway(createStripeClient(settings()))
    const { tenant } = await tenantWithOwner('LEISURE_ECONOMY', 'monthly')
    const { subscriptionId } = await gateway.subscribe(
      { id: tenant.id, slug: tenant.slug, name: tenant.name, ownerEmail: 'o@hotel.example', stripeCustomerId: null },
      { planCode: 'LEISURE_ECONOMY', name: 'Leisure Economy', monthlyPrice: 29_800 },
      'monthly',
    )
    const mark = fake.requests.length
    const couponId = await gateway.applyReferralCoupon(subscriptionId, 'ref_1')
    const [coupon, read, update] = fake.requests.slice(mark)
    expect(coupon).toMatchObject({
      path: '/v1/coupons',
      form: { percent_off: '10', duration: 'repeating', duration_in_months: '6', 'metadata[referralId]': 'ref_1' },
      idempotencyKey: 'coupon:customer-referral:ref_1',
    })
    expect(read).toMatchObject({ method: 'GET', path: `/v1/subscriptions/${subscriptionId}` })
    expect(update).toMatchObject({
      path: `/v1/subscriptions/${subscriptionId}`,
      form: { 'discounts[0][coupon]': couponId },
      idempotencyKey: `referral-coupon:${subscriptionId}:ref_1`,
    })
    expect(couponsOn(subscriptionId)).toEqual([couponId])

    // A second referral's coupon is ADDED: the first stays (by its discount id), both are on the subscription.
    const first = (fake.objects.get(subscriptionId)!.discounts as string[])[0]
    const second = await gateway.applyReferralCoupon(subscriptionId, 'ref_2')
    expect(fake.requests.at(-1)).toMatchObject({
      form: { 'discounts[0][discount]': first, 'discounts[1][coupon]': second },
    })
    expect(couponsOn(subscriptionId)).toEqual([couponId, second])
    // Applied already: nothing is sent again. A fourth while three run would pass the 30% cap: held back.
    const again = fake.requests.length
    expect(await gateway.applyReferralCoupon(subscriptionId, 'ref_2')).toBe(second)
    expect(
      fake.requests.slice(again).filter((r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions')),
    ).toEqual([])
    await gateway.applyReferralCoupon(subscriptionId, 'ref_3')
    expect(await gateway.applyReferralCoupon(subscriptionId, 'ref_4')).toBeNull()
    expect(couponsOn(subscriptionId)).toHaveLength(3)

    // A refund on a paid invoice's payment intent, with its key; the replay returns the same refund.
    fake.billSubscription(subscriptionId, { pay: true })
    const intent = [...fake.objects.values()].filter((o) => o.object === 'payment_intent').at(-1)!
    const refund = await gateway.refund(String(intent.id), 1_000, 'money-back guarantee', 'payment-1')
    expect(refund).toMatchObject({ amount: 1_000, status: 'succeeded' })
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/refunds',
      form: { payment_intent: intent.id, amount: '1000' },
      idempotencyKey: 'refund:payment-1',
    })
    await gateway.refund(String(intent.id), 1_000, 'money-back guarantee', 'payment-1')
    expect(
      [...fake.objects.values()].filter((o) => o.object === 'refund' && o.payment_intent === intent.id),
    ).toHaveLength(1)
  })
})

describe('Stripe webhook events', () => {
  let seq = 0
  const event = (type: string, object: Record<string, unknown>, id = `evt_${uniq('e')}`): Stripe.Event =>
    ({
      id,
      object: 'event',
      type,
      created: 1_790_000_000 + seq++,
      data: { object },
      api_version: '2026-01-01',
      livemode: false,
      pending_webhooks: 1,
      request: null,
    }) as unknown as Stripe.Event

  async function stripeHotel() {
    const { tenant, plan, owner } = await tenantWithOwner('LEISURE_STANDARD', 'monthly')
    const customer = `cus_${uniq('c')}`
    await db.privileged.tenant.update({ where: { id: tenant.id }, data: { stripeCustomerId: customer } })
    const invoice = await issueInvoice(db.privileged, tenant, plan, 'monthly', '2026-11-01')
    return { tenant, owner, customer, invoice }
  }

  it('invoice.paid records the payment once; a replay and a concurrent duplicate change nothing', async () => {
    const { tenant, customer, invoice } = await stripeHotel()
    const agent = await db.privileged.agent.create({
      data: { companyName: 'A', contactName: 'A', email: `${uniq('a')}@x.example` },
    })
    const referral = await db.privileged.referral.create({
      data: { code: uniq('R'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: tenant.id },
    })
    const paid = event('invoice.paid', {
      id: `in_${uniq('i')}`,
      object: 'invoice',
      customer,
      status_transitions: { paid_at: 1_790_000_100 },
    })
    const results = await Promise.all([
      processStripeEvent(db.privileged, paid),
      processStripeEvent(db.privileged, paid),
    ])
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'paid'])
    expect(await processStripeEvent(db.privileged, paid)).toEqual({ duplicate: true, outcome: 'duplicate' })
    expect(await db.privileged.payment.findMany({ where: { tenantId: tenant.id } })).toMatchObject([
      { method: 'stripe', amount: invoice.total, externalId: (paid.data.object as { id: string }).id },
    ])
    expect(
      await db.privileged.invoice.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } } }),
    ).toMatchObject({ status: 'paid', stripeInvoiceId: (paid.data.object as { id: string }).id })
    expect(await db.privileged.referral.findUnique({ where: { id: referral.id } })).toMatchObject({
      status: 'converted',
    })
    expect(await db.privileged.stripeEvent.findUnique({ where: { id: paid.id } })).toMatchObject({
      type: 'invoice.paid',
      outcome: 'paid',
    })
  })

  it('payment failed: past due with a notice to the owner; a later payment restores the hotel', async () => {
    const { tenant, owner, customer, invoice } = await stripeHotel()
    const stripeInvoice = `in_${uniq('i')}`
    expect(
      (
        await processStripeEvent(
          db.privileged,
          event('invoice.payment_failed', { id: stripeInvoice, object: 'invoice', customer }),
        )
      ).outcome,
    ).toBe('past_due')
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ status: 'past_due' })
    expect(await db.privileged.notification.findMany({ where: { tenantId: tenant.id } })).toMatchObject([
      { userId: owner.id, kind: 'payment_failed', subject: expect.stringContaining(invoice.number) },
    ])
    expect(
      (
        await processStripeEvent(
          db.privileged,
          event('invoice.paid', { id: stripeInvoice, object: 'invoice', customer }),
        )
      ).outcome,
    ).toBe('paid')
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ status: 'active' })
  })

  it('out of order: a failure reported after the payment, or a payment after cancellation, does no harm', async () => {
    const { tenant, customer } = await stripeHotel()
    const stripeInvoice = `in_${uniq('i')}`
    const failed = event('invoice.payment_failed', { id: stripeInvoice, object: 'invoice', customer })
    const paid = event('invoice.paid', { id: stripeInvoice, object: 'invoice', customer })
    expect((await processStripeEvent(db.privileged, paid)).outcome).toBe('paid')
    expect((await processStripeEvent(db.privileged, failed)).outcome).toBe('ignored_already_paid')
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ status: 'active' })

    const deleted = event('customer.subscription.deleted', { id: `sub_${uniq('s')}`, object: 'subscription', customer })
    expect((await processStripeEvent(db.privileged, deleted)).outcome).toBe('cancelled')
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ status: 'cancelled' })
    expect(
      (
        await processStripeEvent(
          db.privileged,
          event('customer.subscription.deleted', { id: 'sub_again', object: 'subscription', customer }),
        )
      ).outcome,
    ).toBe('already_cancelled')
  })

  it('an event for an unknown customer or of another type is recorded and ignored', async () => {
    expect(
      (
        await processStripeEvent(
          db.privileged,
          event('invoice.paid', { id: 'in_x', object: 'invoice', customer: 'cus_nobody' }),
        )
      ).outcome,
    ).toBe('unknown_customer')
    expect(
      (await processStripeEvent(db.privileged, event('charge.succeeded', { id: 'ch_x', object: 'charge' }))).outcome,
    ).toBe('ignored')
  })
})

describe("with Stripe on, our invoices and payments are Stripe's", () => {
  const asEvent = (type: string, object: Record<string, unknown>) => fake.event(type, object) as unknown as Stripe.Event
  const lookups = () => createStripeGateway(createStripeClient(settings()))

  /** A Stripe-billed hotel (monthly Standard) with its subscription in the fake Stripe. */
  async function stripeBilledHotel(planCode = 'LEISURE_STANDARD') {
    const { syncTenantToStripe } = await import('../../server/services/stripe-sync')
    const hotel = await tenantWithOwner(planCode, 'monthly')
    const ids = (await syncTenantToStripe(hotel.tenant.id, settings()))!
    return { ...hotel, ...ids }
  }

  /** What we hold for a hotel: invoices with lines, payments; compared whole between event orders. */
  async function ledger(tenantId: string) {
    const invoices = await db.privileged.invoice.findMany({
      where: { tenantId },
      include: { lines: { orderBy: { sortOrder: 'asc' }, select: { kind: true, description: true, amount: true } } },
      orderBy: { periodStart: 'asc' },
    })
    const payments = await db.privileged.payment.findMany({ where: { tenantId } })
    return {
      invoices: invoices.map(({ id: _id, issuedAt: _i, tenantId: _t, ...rest }) => rest),
      payments: payments.map(({ amount, method, stripePaymentIntentId, stripeChargeId, externalId, paidAt }) => ({
        amount,
        method,
        stripePaymentIntentId,
        stripeChargeId,
        externalId,
        paidAt,
      })),
    }
  }

  it(`invoice.finalized makes our invoice from Stripe's (lines, two referral coupons, tax, total); invoice.paid \
records amount_paid with the payment intent; replays change nothing`, async () => {
    const { tenant, subscriptionId } = await stripeBilledHotel()
    const gateway = lookups()
    const first = await gateway.applyReferralCoupon(subscriptionId, uniq('ref'))
    const second = await gateway.applyReferralCoupon(subscriptionId, uniq('ref'))
    expect(couponsOn(subscriptionId)).toEqual([first, second]) // both present, the first kept

    const stripeInvoice = fake.billSubscription(subscriptionId, { pay: true }) as unknown as Stripe.Invoice
    const finalized = asEvent('invoice.finalized', {
      ...stripeInvoice,
      status: 'open',
      amount_paid: 0,
      status_transitions: { finalized_at: stripeInvoice.created, paid_at: null },
    })
    expect(await processStripeEvent(db.privileged, finalized, gateway)).toEqual({
      duplicate: false,
      outcome: 'invoice_created',
    })
    const ours = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: tenant.id, stripeInvoiceId: stripeInvoice.id },
      include: { lines: { orderBy: { sortOrder: 'asc' } } },
    })
    // 59,800 − 10% (5,980) − 10% of the rest (5,382) = 48,438; tax 4,844 (Stripe rounds): Stripe's numbers, not our
    // formula's.
    expect(stripeInvoice).toMatchObject({ subtotal: 59_800, total_excluding_tax: 48_438, total: 53_282 })
    expect(ours).toMatchObject({
      status: 'open',
      subtotal: stripeInvoice.total_excluding_tax,
      tax: stripeInvoice.total_taxes![0]!.amount,
      total: stripeInvoice.total,
      planCode: 'LEISURE_STANDARD',
      billingCycle: 'monthly',
      months: 1,
      currency: 'JPY',
    })
    expect(ours.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['plan', 59_800],
      ['referral_discount', -5_980],
      ['referral_discount', -5_382],
    ])
    expect(ours.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(ours.subtotal)
    // Still a qualified invoice: seller, buyer, issue date, and Stripe's tax as the 10%対象 breakdown.
    expect(ours).toMatchObject({
      sellerRegistrationNumber: expect.stringMatching(/^T\d{13}$/),
      buyerName: expect.any(String),
      issueDate: expect.any(Date),
      taxBreakdown: [{ rateBps: 1000, taxable: 48_438, tax: 4_844 }],
    })

    const paid = asEvent('invoice.paid', stripeInvoice as unknown as Record<string, unknown>)
    expect((await processStripeEvent(db.privileged, paid, gateway)).outcome).toBe('paid')
    const intent = [...fake.objects.values()].find(
      (o) => o.object === 'invoice_payment' && o.invoice === stripeInvoice.id,
    )!.payment as { payment_intent: string }
    const payment = await db.privileged.payment.findFirstOrThrow({ where: { tenantId: tenant.id } })
    expect(payment).toMatchObject({
      method: 'stripe',
      amount: stripeInvoice.amount_paid,
      stripePaymentIntentId: intent.payment_intent,
      externalId: stripeInvoice.id,
    })
    expect(payment.stripeChargeId ?? fake.objects.get(intent.payment_intent)!.latest_charge).toBeTruthy()

    // Replays (the same events) and Stripe sending the invoice again in a new event: nothing changes.
    const before = await ledger(tenant.id)
    expect(await processStripeEvent(db.privileged, finalized, gateway)).toEqual({
      duplicate: true,
      outcome: 'duplicate',
    })
    expect(await processStripeEvent(db.privileged, paid, gateway)).toEqual({ duplicate: true, outcome: 'duplicate' })
    expect(
      (
        await processStripeEvent(
          db.privileged,
          asEvent('invoice.finalized', stripeInvoice as unknown as Record<string, unknown>),
          gateway,
        )
      ).outcome,
    ).toBe('invoice_exists')
    expect(
      (
        await processStripeEvent(
          db.privileged,
          asEvent('invoice.paid', stripeInvoice as unknown as Record<string, unknown>),
          gateway,
        )
      ).outcome,
    ).toBe('already_paid')
    expect(await ledger(tenant.id)).toEqual(before)
  })

  it('out of order: paid before finalized gives the same invoice and payment as finalized then paid', async () => {
    const inOrder = await stripeBilledHotel()
    const outOfOrder = await stripeBilledHotel()
    for (const [hotel, order] of [
      [inOrder, ['invoice.finalized', 'invoice.paid']],
      [outOfOrder, ['invoice.paid', 'invoice.finalized']],
    ] as const) {
      // 2026-11-01 00:00 Tokyo
      const inv = fake.billSubscription(hotel.subscriptionId, { periodStart: 1_793_458_800, pay: true })
      const outcomes = []
      for (const type of order)
        outcomes.push(
          (
            await processStripeEvent(
              db.privileged,
              asEvent(type, type === 'invoice.finalized' ? { ...inv, status: 'open', amount_paid: 0 } : inv),
              lookups(),
            )
          ).outcome,
        )
      expect(outcomes).toEqual(order[0] === 'invoice.paid' ? ['paid', 'invoice_exists'] : ['invoice_created', 'paid'])
    }
    const normalize = (l: Awaited<ReturnType<typeof ledger>>) => ({
      invoices: l.invoices.map(({ number: _n, stripeInvoiceId: _s, paidAt: _p, dueDate: _d, ...rest }) => rest),
      payments: l.payments.map(
        ({ stripePaymentIntentId, stripeChargeId: _c, externalId: _e, paidAt: _p, ...rest }) => ({
          ...rest,
          hasIntent: Boolean(stripePaymentIntentId),
        }),
      ),
    })
    const a = await ledger(inOrder.tenant.id)
    expect(a.invoices).toMatchObject([
      { periodStart: new Date('2026-11-01'), periodEnd: new Date('2026-12-01'), status: 'paid', total: 65_780 },
    ])
    expect(normalize(await ledger(outOfOrder.tenant.id))).toEqual(normalize(a))
  })

  it("the first invoice issued at signup is adopted by Stripe's invoice of the same period, not doubled", async () => {
    const { tenant, plan, subscriptionId } = await stripeBilledHotel()
    const signupInvoice = await issueInvoice(db.privileged, tenant, plan, 'monthly', '2026-11-01')
    const inv = fake.billSubscription(subscriptionId, { periodStart: 1_793_458_800 }) as unknown as Stripe.Invoice
    expect(
      (
        await processStripeEvent(
          db.privileged,
          asEvent('invoice.finalized', inv as unknown as Record<string, unknown>),
          lookups(),
        )
      ).outcome,
    ).toBe('invoice_created')
    const invoices = await db.privileged.invoice.findMany({ where: { tenantId: tenant.id }, include: { lines: true } })
    expect(invoices).toHaveLength(1)
    expect(invoices[0]).toMatchObject({
      id: signupInvoice.id,
      number: signupInvoice.number,
      stripeInvoiceId: inv.id,
      total: inv.total,
      tax: inv.total_taxes![0]!.amount,
    })
    expect(invoices[0]!.lines).toHaveLength(1)
  })

  it(`the billing job leaves Stripe-billed hotels to Stripe when Stripe is on, and bills them itself when it is \
off`, async () => {
    const { issueDueInvoices } = await import('../../server/services/billing')
    const stripeBilled = await stripeBilledHotel()
    const plain = await tenantWithOwner('LEISURE_STANDARD', 'monthly')
    for (const t of [stripeBilled.tenant, plain.tenant])
      await db.privileged.tenant.update({ where: { id: t.id }, data: { contractStartDate: new Date('2026-10-01') } })
    const now = new Date('2026-10-15T03:00:00Z')
    await issueDueInvoices(db.privileged, now, { stripeOn: true })
    expect(await db.privileged.invoice.count({ where: { tenantId: stripeBilled.tenant.id } })).toBe(0)
    expect(await db.privileged.invoice.count({ where: { tenantId: plain.tenant.id } })).toBe(1)
    await issueDueInvoices(db.privileged, now, { stripeOn: false }) // Stripe off: everyone, as before
    expect(await db.privileged.invoice.count({ where: { tenantId: stripeBilled.tenant.id } })).toBe(1)
  })

  it(`a plan and cycle change reaches Stripe once, as a schedule phase from the next period; Stripe's next invoice \
bills it and it becomes the hotel's plan`, async () => {
    const { changeSubscription } = await import('../../server/services/subscription')
    const { scopeToTenant } = await import('../../server/db/tenancy')
    const { tenant, subscriptionId } = await stripeBilledHotel('LEISURE_ECONOMY')
    const tdb = scopeToTenant(db.app, tenant.id)
    const audit = SYSTEM_ACTOR
    const mark = fake.requests.length
    await changeSubscription(tdb, { planCode: 'LEISURE_STANDARD', billingCycle: 'yearly' }, audit, settings())
    // the same request again
    await changeSubscription(tdb, { planCode: 'LEISURE_STANDARD', billingCycle: 'yearly' }, audit, settings())
    const updates = fake.requests
      .slice(mark)
      .filter((r) => r.method === 'POST' && r.path.startsWith('/v1/subscription_schedules/'))
    expect(updates).toHaveLength(1)
    expect(updates[0]!.idempotencyKey).toMatch(/^plan-change:/)
    const sub = fake.objects.get(subscriptionId)!
    const schedule = fake.objects.get(String(sub.schedule))!
    const period = sub.current_period as { start: number; end: number }
    expect(schedule).toMatchObject({ end_behavior: 'release', proration_behavior: 'none' })
    const phases = schedule.phases as {
      start_date?: number
      end_date?: number
      items: { price: string }[]
      metadata?: Record<string, string>
    }[]
    // the current period is left as it is
    expect(phases[0]).toMatchObject({ start_date: period.start, end_date: period.end })
    expect(fake.objects.get(phases[1]!.items[0]!.price)).toMatchObject({
      unit_amount: 53_820 * 12,
      recurring: { interval_count: 12 },
    }) // Standard yearly, 10% off
    expect(phases[1]!.metadata).toEqual({ planCode: 'LEISURE_STANDARD', cycle: 'yearly' })
    expect(
      await db.privileged.tenant.findUniqueOrThrow({ where: { id: tenant.id }, include: { plan: true } }),
    ).toMatchObject({ plan: { planCode: 'LEISURE_ECONOMY' }, billingCycle: 'monthly', pendingBillingCycle: 'yearly' })

    // Stripe bills the next period on the new price; our invoice follows, and so does the hotel's plan.
    const next = fake.billSubscription(subscriptionId, { periodStart: period.end }) as unknown as Stripe.Invoice
    expect(
      (
        await processStripeEvent(
          db.privileged,
          asEvent('invoice.finalized', next as unknown as Record<string, unknown>),
          lookups(),
        )
      ).outcome,
    ).toBe('invoice_created')
    expect(
      await db.privileged.invoice.findFirstOrThrow({ where: { tenantId: tenant.id, stripeInvoiceId: next.id } }),
    ).toMatchObject({
      planCode: 'LEISURE_STANDARD',
      billingCycle: 'yearly',
      months: 12,
      subtotal: 53_820 * 12,
      total: next.total,
    })
    expect(
      await db.privileged.tenant.findUniqueOrThrow({ where: { id: tenant.id }, include: { plan: true } }),
    ).toMatchObject({
      plan: { planCode: 'LEISURE_STANDARD' },
      billingCycle: 'yearly',
      pendingPlanId: null,
      pendingBillingCycle: null,
    })
  })

  it(`a change withdrawn (back to the current plan) releases the schedule; Stripe refusing a change leaves ours \
unchanged and says so`, async () => {
    const { changeSubscription } = await import('../../server/services/subscription')
    const { scopeToTenant } = await import('../../server/db/tenancy')
    const { tenant, subscriptionId } = await stripeBilledHotel('LEISURE_ECONOMY')
    const tdb = scopeToTenant(db.app, tenant.id)
    await changeSubscription(tdb, { planCode: 'LEISURE_STANDARD', billingCycle: 'monthly' }, SYSTEM_ACTOR, settings())
    const scheduleId = String(fake.objects.get(subscriptionId)!.schedule)
    await changeSubscription(tdb, { planCode: 'LEISURE_ECONOMY', billingCycle: 'monthly' }, SYSTEM_ACTOR, settings())
    expect(fake.objects.get(scheduleId)).toMatchObject({ status: 'released' })
    expect(fake.objects.get(subscriptionId)).toMatchObject({ schedule: null })

    fake.failNext('/v1/subscription_schedules', 500)
    await expect(
      changeSubscription(tdb, { planCode: 'LEISURE_STANDARD', billingCycle: 'biennial' }, SYSTEM_ACTOR, settings()),
    ).rejects.toMatchObject({ kind: 'upstream', code: 'stripe_plan_change_failed' })
    expect(await db.privileged.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      pendingPlanId: null,
      pendingBillingCycle: null,
    })
  })

  it(`an HQ refund is sent to Stripe once on the stored payment intent, even when retried after a lost response; a \
refusal changes nothing; charge.refunded reconciles`, async () => {
    const { refundInvoiceInFull } = await import('../../server/services/invoice-actions')
    const { tenant, subscriptionId } = await stripeBilledHotel()
    const inv = fake.billSubscription(subscriptionId, { pay: true }) as unknown as Stripe.Invoice
    await processStripeEvent(
      db.privileged,
      asEvent('invoice.paid', inv as unknown as Record<string, unknown>),
      lookups(),
    )
    const ours = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: tenant.id, stripeInvoiceId: inv.id },
    })
    const { stripePaymentIntentId } = await db.privileged.payment.findFirstOrThrow({ where: { tenantId: tenant.id } })
    const refundAsHq = () => refundInvoiceInFull(tenant.id, ours.id, 'money-back guarantee', SYSTEM_ACTOR, settings())
    const refundsOf = () =>
      [...fake.objects.values()].filter((o) => o.object === 'refund' && o.payment_intent === stripePaymentIntentId)

    // Stripe refuses: our records are unchanged, and the error says Stripe refused and nothing was recorded.
    fake.failNext('/v1/refunds', 500)
    await expect(refundAsHq()).rejects.toMatchObject({ kind: 'upstream', code: 'stripe_refund_failed' })
    // Stripe refunds but the answer is lost: still unchanged here; the retry sends the same key and gets the same
    // refund.
    fake.failNext('/v1/refunds', 500, { afterProcessing: true })
    await expect(refundAsHq()).rejects.toMatchObject({ kind: 'upstream' })
    expect(
      await db.privileged.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id: ours.id } } }),
    ).toMatchObject({ status: 'paid' })
    expect(refundsOf()).toHaveLength(1)
    const done = await refundAsHq()
    expect(done.stripeRefund).toMatchObject({ amount: inv.total, status: 'succeeded' })
    expect(refundsOf()).toHaveLength(1)
    const sent = fake.requests.filter(
      (r) => r.path === '/v1/refunds' && r.form.payment_intent === stripePaymentIntentId,
    )
    expect(new Set(sent.map((r) => r.idempotencyKey))).toEqual(new Set([`refund:invoice:${tenant.id}:${ours.id}`]))
    expect(
      await db.privileged.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id: ours.id } } }),
    ).toMatchObject({ status: 'refunded' })
    expect(await db.privileged.payment.findFirstOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      refundedAmount: inv.total,
      stripeRefundId: String(refundsOf()[0]!.id),
    })
    // Done: a further retry is refused by us before Stripe is asked.
    const mark = fake.requests.length
    await expect(refundAsHq()).rejects.toMatchObject({ kind: 'conflict' })
    expect(fake.requests.length).toBe(mark)

    // Stripe then reports the refund (charge.refunded): already reconciled.
    const intent = fake.objects.get(stripePaymentIntentId!)!
    expect(
      (
        await processStripeEvent(
          db.privileged,
          asEvent('charge.refunded', fake.objects.get(String(intent.latest_charge))!),
          lookups(),
        )
      ).outcome,
    ).toBe('already_reconciled')
  })

  it('an HQ refund holds no database transaction while Stripe answers (issue 14)', async () => {
    const { refundInvoiceInFull } = await import('../../server/services/invoice-actions')
    const { tenant, subscriptionId } = await stripeBilledHotel()
    const inv = fake.billSubscription(subscriptionId, { pay: true }) as unknown as Stripe.Invoice
    await processStripeEvent(
      db.privileged,
      asEvent('invoice.paid', inv as unknown as Record<string, unknown>),
      lookups(),
    )
    const ours = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: tenant.id, stripeInvoiceId: inv.id },
    })
    // A slow Stripe: a proxy that holds each request 600 ms before passing it on to the fake.
    let held = 0
    const slow = createServer((req, res) => {
      held++
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        setTimeout(() => {
          const upstream = httpRequest(
            new URL(req.url ?? '/', fake.url),
            { method: req.method, headers: req.headers },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers)
              answer.pipe(res)
            },
          )
          upstream.end(Buffer.concat(chunks))
        }, 600)
      })
    })
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r))
    const owner = new pg.Client({ connectionString: ownerUrl() })
    await owner.connect()
    try {
      const apiBase = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`
      const refunding = refundInvoiceInFull(tenant.id, ours.id, 'slow Stripe', SYSTEM_ACTOR, {
        secretKey: 'sk_test_fake_123',
        apiBase,
      })
      while (!held) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, 200)) // well inside the 600 ms Stripe takes
      const { rows } = await owner.query(
        `SELECT state, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      )
      expect(rows).toEqual([])
      expect((await refunding).stripeRefund).toMatchObject({ amount: inv.total, status: 'succeeded' })
      expect(
        await db.privileged.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id: ours.id } } }),
      ).toMatchObject({ status: 'refunded' })
    } finally {
      await owner.end()
      slow.closeAllConnections()
      await new Promise((r) => slow.close(r))
    }
  })

  it("a refund made in Stripe's dashboard reaches us through charge.refunded", async () => {
    const { tenant, subscriptionId } = await stripeBilledHotel()
    const inv = fake.billSubscription(subscriptionId, { pay: true }) as unknown as Stripe.Invoice
    await processStripeEvent(
      db.privileged,
      asEvent('invoice.paid', inv as unknown as Record<string, unknown>),
      lookups(),
    )
    const payment = await db.privileged.payment.findFirstOrThrow({ where: { tenantId: tenant.id } })
    const charge = () => fake.objects.get(String(fake.objects.get(payment.stripePaymentIntentId!)!.latest_charge))!
    await lookups().refund(payment.stripePaymentIntentId!, 1_000, 'goodwill', 'dashboard-1')
    expect((await processStripeEvent(db.privileged, asEvent('charge.refunded', charge()), lookups())).outcome).toBe(
      'partially_refunded',
    )
    expect(
      await db.privileged.invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.id, id: payment.invoiceId } },
      }),
    ).toMatchObject({ status: 'paid' })
    await lookups().refund(payment.stripePaymentIntentId!, null, 'cancelled', 'dashboard-2')
    expect((await processStripeEvent(db.privileged, asEvent('charge.refunded', charge()), lookups())).outcome).toBe(
      'refunded',
    )
    expect(
      await db.privileged.invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.id, id: payment.invoiceId } },
      }),
    ).toMatchObject({ status: 'refunded' })
    expect(await db.privileged.payment.findFirstOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      refundedAmount: inv.total,
    })
  })
})
