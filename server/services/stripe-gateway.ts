// Stripe, through its official SDK: a customer per tenant, JPY prices per plan and cycle (biennial
// is a 24-month interval), a subscription per tenant with 10% consumption tax, the customer-referral
// coupon (10% for 6 months) and refunds. Every call carries an idempotency key derived from what it
// does, so a retry never doubles anything. Tests point it at a local fake Stripe (STRIPE_API_BASE).
import Stripe from 'stripe'
import {
  CYCLE_MONTHS,
  effectiveMonthlyFee,
  MAX_REFERRAL_DISCOUNT_BPS,
  type BillingCycleName,
} from '../../shared/domain/billing.ts'

export interface StripeSettings {
  secretKey: string
  /** Where the API is, e.g. http://127.0.0.1:12111 for a local fake; Stripe's own when unset. */
  apiBase?: string
  /** The SDK's own retries (exponential backoff, same idempotency key): 2 at Stripe, 0 on a fake unless set. */
  maxNetworkRetries?: number
  /** Each attempt gives up after this long (20 s unless set). */
  timeoutMs?: number
}

export function stripeSettingsFromEnv(env: Record<string, string | undefined> = process.env): StripeSettings | null {
  if (!env.STRIPE_SECRET_KEY) return null
  const count = (v: string | undefined) => (v && Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : undefined)
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    apiBase: env.STRIPE_API_BASE || undefined,
    maxNetworkRetries: count(env.STRIPE_MAX_NETWORK_RETRIES),
    timeoutMs: count(env.STRIPE_TIMEOUT_MS) || undefined,
  }
}

export function createStripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : null
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: settings.maxNetworkRetries ?? (base ? 0 : 2),
    telemetry: false,
    timeout: settings.timeoutMs ?? 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  })
}

export interface StripeTenant {
  id: string
  slug: string
  name: string
  ownerEmail: string
  stripeCustomerId: string | null
}
export interface StripePlan {
  planCode: string
  name: string
  monthlyPrice: number
}

export const REFERRAL_COUPON = { percentOff: 10, months: 6 } as const

export function createStripeGateway(stripe: Stripe) {
  async function taxRate() {
    const rate = await stripe.taxRates.create(
      {
        display_name: '消費税',
        percentage: 10,
        inclusive: false,
        country: 'JP',
        description: 'Japanese consumption tax 10%',
      },
      { idempotencyKey: 'tax-rate:jp-consumption-10' },
    )
    return rate.id
  }

  /** The recurring price of a plan and cycle: the cycle's months at the cycle discount, in JPY. */
  async function priceFor(plan: StripePlan, cycle: BillingCycleName) {
    const months = CYCLE_MONTHS[cycle]
    const unitAmount = effectiveMonthlyFee(plan.monthlyPrice, cycle) * months
    const lookupKey = `${plan.planCode}:${cycle}:${unitAmount}`
    const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })
    if (found.data[0]) return found.data[0].id
    const price = await stripe.prices.create(
      {
        currency: 'jpy',
        unit_amount: unitAmount,
        recurring: { interval: 'month', interval_count: months },
        lookup_key: lookupKey,
        product_data: { name: `OmotenasuAI ${plan.name}` },
        metadata: { planCode: plan.planCode, cycle },
      },
      { idempotencyKey: `price:${lookupKey}` },
    )
    return price.id
  }

  return {
    /** Customer and subscription for a tenant; returns their ids for the tenant row. */
    async subscribe(tenant: StripeTenant, plan: StripePlan, cycle: BillingCycleName) {
      const customerId =
        tenant.stripeCustomerId ??
        (
          await stripe.customers.create(
            {
              name: tenant.name,
              email: tenant.ownerEmail,
              preferred_locales: ['ja'],
              metadata: { tenantId: tenant.id, slug: tenant.slug },
            },
            { idempotencyKey: `customer:${tenant.id}` },
          )
        ).id
      const subscription = await stripe.subscriptions.create(
        {
          customer: customerId,
          items: [{ price: await priceFor(plan, cycle) }],
          default_tax_rates: [await taxRate()],
          collection_method: 'send_invoice',
          days_until_due: 14,
          metadata: { tenantId: tenant.id, planCode: plan.planCode, cycle },
        },
        { idempotencyKey: `subscription:${tenant.id}:${plan.planCode}:${cycle}` },
      )
      return { customerId, subscriptionId: subscription.id }
    },

    /**
     * The customer-referral discount (10% for 6 months) ADDED to the referrer's subscription: one
     * coupon per referral (Stripe refuses the same coupon twice on one subscription), the existing
     * discounts kept by their ids (an update's `discounts` replaces the whole list). Applied once: a
     * rerun that finds its coupon already there sends nothing. Held back (null) while three referral
     * coupons are running, the 30% cap of DOMAIN.md; the next daily run adds it when one ends.
     */
    async applyReferralCoupon(subscriptionId: string, referralId: string): Promise<string | null> {
      const coupon = await stripe.coupons.create(
        {
          percent_off: REFERRAL_COUPON.percentOff,
          duration: 'repeating',
          duration_in_months: REFERRAL_COUPON.months,
          name: '紹介割引 10%（6か月）',
          metadata: { kind: 'customer_referral', referralId },
        },
        { idempotencyKey: `coupon:customer-referral:${referralId}` },
      )
      const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['discounts.source.coupon'] })
      const existing = (subscription.discounts ?? []).filter(
        (d): d is Stripe.Discount => typeof d !== 'string' && !('deleted' in d && d.deleted),
      )
      const couponOf = (d: Stripe.Discount) => {
        const c = d.source?.coupon
        return typeof c === 'string' ? c : c?.id
      }
      if (existing.some((d) => couponOf(d) === coupon.id)) return coupon.id
      const referralCoupons = existing.filter((d) => {
        const c = d.source?.coupon
        return typeof c === 'object' && c?.metadata?.kind === 'customer_referral'
      })
      if (referralCoupons.length * REFERRAL_COUPON.percentOff >= MAX_REFERRAL_DISCOUNT_BPS / 100) return null
      await stripe.subscriptions.update(
        subscriptionId,
        { discounts: [...existing.map((d) => ({ discount: d.id })), { coupon: coupon.id }], metadata: { referralId } },
        { idempotencyKey: `referral-coupon:${subscriptionId}:${referralId}` },
      )
      return coupon.id
    },

    /**
     * A plan or cycle change from the next period, as a subscription schedule: the current phase
     * kept as it is until its end, then a phase on the new price, released back to a plain
     * subscription afterwards. Stripe documents schedules for changes at a future date; a plain
     * update with proration_behavior 'none' would switch the price now, and a change of interval
     * (monthly → yearly) resets the billing cycle and invoices at once. `key` names the change, so
     * a retry sends the same request and Stripe replays it.
     */
    async schedulePlanChange(subscriptionId: string, plan: StripePlan, cycle: BillingCycleName, key: string) {
      const subscription = await stripe.subscriptions.retrieve(subscriptionId)
      const scheduleId = typeof subscription.schedule === 'string' ? subscription.schedule : subscription.schedule?.id
      const schedule = scheduleId
        ? await stripe.subscriptionSchedules.retrieve(scheduleId)
        : await stripe.subscriptionSchedules.create(
            { from_subscription: subscriptionId },
            { idempotencyKey: `schedule:${subscriptionId}:${key}` },
          )
      const now = Math.floor(Date.now() / 1000)
      const current = schedule.phases.find((p) => p.start_date <= now && now < p.end_date) ?? schedule.phases[0]!
      const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : x?.id)
      const discounts = current.discounts.map((d) =>
        d.discount ? { discount: idOf(d.discount)! } : { coupon: idOf(d.coupon)! },
      )
      const updated = await stripe.subscriptionSchedules.update(
        schedule.id,
        {
          end_behavior: 'release',
          proration_behavior: 'none',
          phases: [
            {
              items: current.items.map((i) => ({ price: idOf(i.price)!, quantity: i.quantity ?? 1 })),
              start_date: current.start_date,
              end_date: current.end_date,
              discounts,
              proration_behavior: 'none',
            },
            {
              items: [{ price: await priceFor(plan, cycle), quantity: 1 }],
              duration: { interval: 'month', interval_count: CYCLE_MONTHS[cycle] },
              default_tax_rates: [await taxRate()],
              discounts,
              proration_behavior: 'none',
              metadata: { planCode: plan.planCode, cycle },
            },
          ],
        },
        { idempotencyKey: `plan-change:${key}` },
      )
      return { scheduleId: updated.id, effectiveAt: current.end_date }
    },

    /**
     * Withdraws a scheduled change (the owner went back to the current plan): the schedule lets go, the subscription
     * stays as it is.
     */
    async cancelPlanChange(subscriptionId: string, key: string) {
      const subscription = await stripe.subscriptions.retrieve(subscriptionId)
      const scheduleId = typeof subscription.schedule === 'string' ? subscription.schedule : subscription.schedule?.id
      if (!scheduleId) return null
      await stripe.subscriptionSchedules.release(scheduleId, {}, { idempotencyKey: `plan-change-withdrawn:${key}` })
      return scheduleId
    },

    /**
     * Refunds a paid Stripe invoice's payment, in full or in part (yen). `key` names our refund: a retry never refunds
     * twice.
     */
    async refund(paymentIntentId: string, amount: number | null, reason: string, key: string) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntentId, ...(amount === null ? {} : { amount }), metadata: { reason } },
        { idempotencyKey: `refund:${key}` },
      )
      return { id: refund.id, amount: refund.amount, status: refund.status }
    },

    /** Ends a subscription with its paid period (a full refund under the guarantee); `key` names the cause. */
    async cancelAtPeriodEnd(subscriptionId: string, key: string) {
      const sub = await stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        { idempotencyKey: `cancel-at-period-end:${key}` },
      )
      return { id: sub.id, cancelAtPeriodEnd: sub.cancel_at_period_end }
    },

    /** A credit on the customer's balance (yen), which Stripe takes off its next invoices. `key` names our credit. */
    async creditBalance(customerId: string, amount: number, description: string, key: string) {
      const tx = await stripe.customers.createBalanceTransaction(
        customerId,
        { amount: -amount, currency: 'jpy', description },
        { idempotencyKey: `balance:${key}` },
      )
      return { id: tx.id, amount: -tx.amount }
    },

    /**
     * The payments of a Stripe invoice (its payment intent and charge), for an invoice.paid that did not include them.
     */
    async invoicePayments(invoiceId: string) {
      const list = await stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 })
      return list.data
    },

    webhooks: stripe.webhooks,
  }
}

export type StripeGateway = ReturnType<typeof createStripeGateway>
