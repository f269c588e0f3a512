// Stripe, through its official SDK: a customer per tenant, JPY prices per plan and cycle (biennial
// is a 24-month interval), a subscription per tenant with 10% consumption tax, the customer-referral
// coupon (10% for 6 months) and refunds. Every call carries an idempotency key derived from what it
// does, so a retry never doubles anything. Tests point it at a local fake Stripe (STRIPE_API_BASE).
import Stripe from 'stripe'
import { CYCLE_MONTHS, effectiveMonthlyFee, type BillingCycleName } from '../../shared/domain/billing.ts'

export interface StripeSettings {
  secretKey: string
  /** Where the API is, e.g. http://127.0.0.1:12111 for a local fake; Stripe's own when unset. */
  apiBase?: string
}

export function stripeSettingsFromEnv(env: Record<string, string | undefined> = process.env): StripeSettings | null {
  return env.STRIPE_SECRET_KEY ? { secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE || undefined } : null
}

export function createStripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : null
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: base ? 0 : 2,
    telemetry: false,
    timeout: 20_000,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  })
}

export interface StripeTenant { id: string; slug: string; name: string; ownerEmail: string; stripeCustomerId: string | null }
export interface StripePlan { planCode: string; name: string; monthlyPrice: number }

export const REFERRAL_COUPON = { percentOff: 10, months: 6 } as const

export function createStripeGateway(stripe: Stripe) {
  async function taxRate() {
    const rate = await stripe.taxRates.create({ display_name: '消費税', percentage: 10, inclusive: false, country: 'JP', description: 'Japanese consumption tax 10%' }, { idempotencyKey: 'tax-rate:jp-consumption-10' })
    return rate.id
  }

  /** The recurring price of a plan and cycle: the cycle's months at the cycle discount, in JPY. */
  async function priceFor(plan: StripePlan, cycle: BillingCycleName) {
    const months = CYCLE_MONTHS[cycle]
    const unitAmount = effectiveMonthlyFee(plan.monthlyPrice, cycle) * months
    const lookupKey = `${plan.planCode}:${cycle}:${unitAmount}`
    const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })
    if (found.data[0]) return found.data[0].id
    const price = await stripe.prices.create({
      currency: 'jpy',
      unit_amount: unitAmount,
      recurring: { interval: 'month', interval_count: months },
      lookup_key: lookupKey,
      product_data: { name: `OmotenasuAI ${plan.name}` },
      metadata: { planCode: plan.planCode, cycle },
    }, { idempotencyKey: `price:${lookupKey}` })
    return price.id
  }

  return {
    /** Customer and subscription for a tenant; returns their ids for the tenant row. */
    async subscribe(tenant: StripeTenant, plan: StripePlan, cycle: BillingCycleName) {
      const customerId = tenant.stripeCustomerId ?? (await stripe.customers.create({
        name: tenant.name,
        email: tenant.ownerEmail,
        preferred_locales: ['ja'],
        metadata: { tenantId: tenant.id, slug: tenant.slug },
      }, { idempotencyKey: `customer:${tenant.id}` })).id
      const subscription = await stripe.subscriptions.create({
        customer: customerId,
        items: [{ price: await priceFor(plan, cycle) }],
        default_tax_rates: [await taxRate()],
        collection_method: 'send_invoice',
        days_until_due: 14,
        metadata: { tenantId: tenant.id, planCode: plan.planCode, cycle },
      }, { idempotencyKey: `subscription:${tenant.id}:${plan.planCode}:${cycle}` })
      return { customerId, subscriptionId: subscription.id }
    },

    /** The customer-referral discount (10% for 6 months) on the referrer's subscription. */
    async applyReferralCoupon(subscriptionId: string, referralId: string) {
      const coupon = await stripe.coupons.create({ percent_off: REFERRAL_COUPON.percentOff, duration: 'repeating', duration_in_months: REFERRAL_COUPON.months, name: '紹介割引 10%（6か月）' }, { idempotencyKey: 'coupon:customer-referral-10pct-6m' })
      await stripe.subscriptions.update(subscriptionId, { discounts: [{ coupon: coupon.id }], metadata: { referralId } }, { idempotencyKey: `referral-coupon:${subscriptionId}:${referralId}` })
      return coupon.id
    },

    /** Refunds a paid Stripe invoice's payment, in full or in part (yen). */
    async refund(paymentIntentId: string, amount: number | null, reason: string, key: string) {
      const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, ...(amount === null ? {} : { amount }), metadata: { reason } }, { idempotencyKey: `refund:${key}` })
      return { id: refund.id, amount: refund.amount, status: refund.status }
    },

    webhooks: stripe.webhooks,
  }
}

export type StripeGateway = ReturnType<typeof createStripeGateway>
