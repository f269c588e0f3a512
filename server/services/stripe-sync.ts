// Stripe side of the subscription, when STRIPE_SECRET_KEY is set. Best effort after signup (the
// hotel exists either way); HQ can run it again, and its idempotency keys make that safe.
import type Stripe from 'stripe'
import { privilegedDb } from '../db/index.ts'
import { NotFound } from '../lib/errors.ts'
import { createStripeClient, createStripeGateway, stripeSettingsFromEnv, type StripeSettings } from './stripe-gateway.ts'

export function stripeGateway(settings: StripeSettings | null = stripeSettingsFromEnv()) {
  return settings ? createStripeGateway(createStripeClient(settings)) : null
}

export async function syncTenantToStripe(tenantId: string, settings: StripeSettings | null = stripeSettingsFromEnv()) {
  const gateway = stripeGateway(settings)
  if (!gateway) return null
  const tenant = await privilegedDb().tenant.findUnique({ where: { id: tenantId }, include: { plan: true, memberships: { where: { role: 'owner' }, include: { user: true }, take: 1 } } })
  if (!tenant) throw NotFound('This hotel does not exist.')
  if (tenant.stripeSubscriptionId) return { customerId: tenant.stripeCustomerId!, subscriptionId: tenant.stripeSubscriptionId }
  const ids = await gateway.subscribe({ id: tenant.id, slug: tenant.slug, name: tenant.name, ownerEmail: tenant.memberships[0]?.user.email ?? '', stripeCustomerId: tenant.stripeCustomerId }, tenant.plan, tenant.billingCycle)
  await privilegedDb().tenant.update({ where: { id: tenant.id }, data: { stripeCustomerId: ids.customerId, stripeSubscriptionId: ids.subscriptionId } })
  return ids
}

export type { Stripe }

/**
 * Puts the customer-referral coupon on each referrer's Stripe subscription for every referral
 * discount not yet carried over (where Stripe is on). Runs after a conversion commits and again with
 * the daily billing job, so a Stripe outage only delays it; the idempotency keys make reruns safe.
 */
/** Applies any due coupon now, never failing the caller (after a payment commits, and daily): errors are logged and retried. */
export async function applyDueReferralCoupons() {
  await applyReferralCoupons().catch((error) => console.error('[stripe] referral coupons not applied yet (the billing job retries):', (error as Error).message))
}

export async function applyReferralCoupons(settings: StripeSettings | null = stripeSettingsFromEnv()) {
  const gateway = stripeGateway(settings)
  if (!gateway) return { applied: 0, failed: 0 }
  const db = privilegedDb()
  const due = await db.referralDiscount.findMany({ where: { stripeCouponId: null, tenant: { stripeSubscriptionId: { not: null } } }, include: { tenant: { select: { stripeSubscriptionId: true } } }, take: 500 })
  let applied = 0
  let failed = 0
  for (const d of due) {
    try {
      const couponId = await gateway.applyReferralCoupon(d.tenant.stripeSubscriptionId!, d.referralId)
      await db.referralDiscount.update({ where: { tenantId_id: { tenantId: d.tenantId, id: d.id } }, data: { stripeCouponId: couponId } })
      applied++
    } catch (error) {
      failed++
      console.error(`[stripe] referral coupon for discount ${d.id} not applied yet:`, (error as Error).message)
    }
  }
  return { applied, failed }
}
