// The production Stripe gateway against a local fake Stripe, and webhook processing on a real
// database: customers, prices (biennial = 24-month interval), subscriptions, the referral coupon,
// refunds, idempotency keys on every call; events processed exactly once, in any order.
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueInvoice } from '../../server/services/billing'
import { createStripeClient, createStripeGateway } from '../../server/services/stripe-gateway'
import { processStripeEvent } from '../../server/services/stripe-webhooks'
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe'
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

async function tenantWithOwner(planCode = 'OMOTENASU_PROFESSIONAL', cycle: 'monthly' | 'yearly' | 'biennial' = 'biennial') {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({ data: { slug: uniq('stripe'), name: 'Stripe Hotel', planId: plan.id, billingCycle: cycle, contractStartDate: new Date('2026-11-01') } })
  const owner = await db.privileged.user.create({ data: { email: `${uniq('owner')}@hotel.example`, name: 'Owner', passwordHash: 'x' } })
  await db.privileged.tenantMembership.create({ data: { tenantId: tenant.id, userId: owner.id, role: 'owner' } })
  return { tenant, plan, owner }
}

describe('the Stripe gateway', () => {
  it('puts the referral coupon on the referrer\'s subscription once its referral converts, once, and retries after an outage', async () => {
    const { syncTenantToStripe, applyReferralCoupons } = await import('../../server/services/stripe-sync')
    const { recordPayment } = await import('../../server/services/billing')
    const referrer = await tenantWithOwner('LEISURE_ECONOMY', 'monthly')
    const { subscriptionId } = (await syncTenantToStripe(referrer.tenant.id, settings()))!
    const referred = await tenantWithOwner('LEISURE_ECONOMY', 'monthly')
    const referral = await db.privileged.referral.create({ data: { code: uniq('H'), referrerType: 'customer', referrerTenantId: referrer.tenant.id, referredTenantId: referred.tenant.id } })
    const invoice = await issueInvoice(db.privileged, referred.tenant, referred.plan, 'monthly', '2026-11-01')

    // Stripe is down when the conversion commits: nothing is lost, the discount waits.
    await db.privileged.$transaction((tx) => recordPayment(tx, referred.tenant.id, invoice.id, { method: 'manual' }))
    expect(await applyReferralCoupons({ secretKey: 'sk_test_fake_123', apiBase: 'http://127.0.0.1:9' })).toMatchObject({ applied: 0, failed: expect.any(Number) })
    expect(await db.privileged.referralDiscount.findFirst({ where: { referralId: referral.id } })).toMatchObject({ tenantId: referrer.tenant.id, stripeCouponId: null })

    const mark = fake.requests.length
    const outcome = await applyReferralCoupons(settings())
    expect(outcome.applied).toBeGreaterThanOrEqual(1)
    const discount = await db.privileged.referralDiscount.findFirstOrThrow({ where: { referralId: referral.id } })
    expect(discount.stripeCouponId).toBeTruthy()
    expect(fake.objects.get(subscriptionId)).toMatchObject({ discounts: [{ coupon: discount.stripeCouponId }], metadata: { referralId: referral.id } })
    expect(fake.requests.slice(mark).some((r) => r.idempotencyKey === `referral-coupon:${subscriptionId}:${referral.id}`)).toBe(true)

    // Done once: a rerun sends nothing for this discount.
    const again = fake.requests.length
    await applyReferralCoupons(settings())
    expect(fake.requests.slice(again).filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`)).toEqual([])
  })
  it('subscribes a tenant: customer, a JPY price per plan and cycle, tax, subscription; every write idempotent', async () => {
    const { syncTenantToStripe } = await import('../../server/services/stripe-sync')
    const { tenant } = await tenantWithOwner()
    const before = fake.requests.length
    const ids = await syncTenantToStripe(tenant.id, settings())
    const calls = fake.requests.slice(before)
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers', 'GET /v1/prices', 'POST /v1/prices', 'POST /v1/tax_rates', 'POST /v1/subscriptions'])
    expect(calls.every((r) => r.authorization === 'Bearer sk_test_fake_123')).toBe(true)
    expect(calls.filter((r) => r.method === 'POST').every((r) => r.idempotencyKey)).toBe(true)
    expect(calls[0]).toMatchObject({ idempotencyKey: `customer:${tenant.id}`, form: { 'metadata[tenantId]': tenant.id } })
    expect(calls[2]!.form).toMatchObject({ currency: 'jpy', unit_amount: String(102_400 * 24), 'recurring[interval]': 'month', 'recurring[interval_count]': '24' })
    expect(calls[3]!.form).toMatchObject({ percentage: '10', country: 'JP', inclusive: 'false' })
    expect(calls[4]!.form).toMatchObject({ customer: ids!.customerId, 'metadata[tenantId]': tenant.id, collection_method: 'send_invoice' })
    expect(calls[4]!.form['items[0][price]']).toMatch(/^price_/)
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ stripeCustomerId: ids!.customerId, stripeSubscriptionId: ids!.subscriptionId })

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
    const { subscriptionId } = await gateway.subscribe({ id: tenant.id, slug: tenant.slug, name: tenant.name, ownerEmail: 'o@hotel.example', stripeCustomerId: null }, { planCode: 'LEISURE_ECONOMY', name: 'Leisure Economy', monthlyPrice: 29_800 }, 'monthly')
    const mark = fake.requests.length
    const couponId = await gateway.applyReferralCoupon(subscriptionId, 'ref_1')
    const [coupon, update] = fake.requests.slice(mark)
    expect(coupon).toMatchObject({ path: '/v1/coupons', form: { percent_off: '10', duration: 'repeating', duration_in_months: '6' }, idempotencyKey: 'coupon:customer-referral-10pct-6m' })
    expect(update).toMatchObject({ path: `/v1/subscriptions/${subscriptionId}`, form: { 'discounts[0][coupon]': couponId }, idempotencyKey: `referral-coupon:${subscriptionId}:ref_1` })
    expect(fake.objects.get(subscriptionId)).toMatchObject({ discounts: [{ coupon: couponId }] })

    const refund = await gateway.refund('pi_123', 32_780, 'money-back guarantee', 'payment-1')
    expect(refund).toMatchObject({ amount: 32_780, status: 'succeeded' })
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/refunds', form: { payment_intent: 'pi_123', amount: '32780' }, idempotencyKey: 'refund:payment-1' })
    await gateway.refund('pi_123', 32_780, 'money-back guarantee', 'payment-1')
    expect(new Set([...fake.objects.values()].filter((o) => o.object === 'refund').map((o) => o.id)).size).toBe(1) // the replay returned the same refund
  })
})

describe('Stripe webhook events', () => {
  let seq = 0
  const event = (type: string, object: Record<string, unknown>, id = `evt_${uniq('e')}`): Stripe.Event =>
    ({ id, object: 'event', type, created: 1_790_000_000 + seq++, data: { object }, api_version: '2026-01-01', livemode: false, pending_webhooks: 1, request: null }) as unknown as Stripe.Event

  async function stripeHotel() {
    const { tenant, plan, owner } = await tenantWithOwner('LEISURE_STANDARD', 'monthly')
    const customer = `cus_${uniq('c')}`
    await db.privileged.tenant.update({ where: { id: tenant.id }, data: { stripeCustomerId: customer } })
    const invoice = await issueInvoice(db.privileged, tenant, plan, 'monthly', '2026-11-01')
    return { tenant, owner, customer, invoice }
  }

  it('invoice.paid records the payment once; a replay and a concurrent duplicate change nothing', async () => {
    const { tenant, customer, invoice } = await stripeHotel()
    const agent = await db.privileged.agent.create({ data: { companyName: 'A', contactName: 'A', email: `${uniq('a')}@x.example` } })
    const referral = await db.privileged.referral.create({ data: { code: uniq('R'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: tenant.id } })
    const paid = event('invoice.paid', { id: `in_${uniq('i')}`, object: 'invoice', customer, status_transitions: { paid_at: 1_790_000_100 } })
    const results = await Promise.all([processStripeEvent(db.privileged, paid), processStripeEvent(db.privileged, paid)])
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'paid'])
    expect(await processStripeEvent(db.privileged, paid)).toEqual({ duplicate: true, outcome: 'duplicate' })
    expect(await db.privileged.payment.findMany({ where: { tenantId: tenant.id } })).toMatchObject([{ method: 'stripe', amount: invoice.total, externalId: (paid.data.object as { id: string }).id }])
    expect(await db.privileged.invoice.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } } })).toMatchObject({ status: 'paid', stripeInvoiceId: (paid.data.object as { id: string }).id })
    expect(await db.privileged.referral.findUnique({ where: { id: referral.id } })).toMatchObject({ status: 'converted' })
    expect(await db.privileged.stripeEvent.findUnique({ where: { id: paid.id } })).toMatchObject({ type: 'invoice.paid', outcome: 'paid' })
  })

  it('payment failed: past due with a notice to the owner; a later payment restores the hotel', async () => {
    const { tenant, owner, customer, invoice } = await stripeHotel()
    const stripeInvoice = `in_${uniq('i')}`
    expect((await processStripeEvent(db.privileged, event('invoice.payment_failed', { id: stripeInvoice, object: 'invoice', customer }))).outcome).toBe('past_due')
    expect(await db.privileged.tenant.findUnique({ where: { id: tenant.id } })).toMatchObject({ status: 'past_due' })
    expect(await db.privileged.notification.findMany({ where: { tenantId: tenant.id } })).toMatchObject([{ userId: owner.id, kind: 'payment_failed', subject: expect.stringContaining(invoice.number) }])
    expect((await processStripeEvent(db.privileged, event('invoice.paid', { id: stripeInvoice, object: 'invoice', customer }))).outcome).toBe('paid')
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
    expect((await processStripeEvent(db.privileged, event('customer.subscription.deleted', { id: 'sub_again', object: 'subscription', customer }))).outcome).toBe('already_cancelled')
  })

  it('an event for an unknown customer or of another type is recorded and ignored', async () => {
    expect((await processStripeEvent(db.privileged, event('invoice.paid', { id: 'in_x', object: 'invoice', customer: 'cus_nobody' }))).outcome).toBe('unknown_customer')
    expect((await processStripeEvent(db.privileged, event('charge.succeeded', { id: 'ch_x', object: 'charge' }))).outcome).toBe('ignored')
  })
})
