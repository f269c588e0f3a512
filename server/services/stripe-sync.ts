// Stripe side of the subscription, when STRIPE_SECRET_KEY is set. Best effort after signup (the
// hotel exists either way); HQ can run it again, and its idempotency keys make that safe.
import type Stripe from 'stripe'
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, msg, NotFound, Upstream } from '../lib/errors.ts'
import { recordAudit, type Actor } from './audit.ts'
import { refundableInvoice } from './refunds.ts'
import type { BillingCycleName } from '../../shared/domain/billing.ts'
import {
  createStripeClient,
  createStripeGateway,
  stripeSettingsFromEnv,
  type StripeSettings,
} from './stripe-gateway.ts'

export function stripeGateway(settings: StripeSettings | null = stripeSettingsFromEnv()) {
  return settings ? createStripeGateway(createStripeClient(settings)) : null
}

export async function syncTenantToStripe(tenantId: string, settings: StripeSettings | null = stripeSettingsFromEnv()) {
  const gateway = stripeGateway(settings)
  if (!gateway) return null
  const tenant = await privilegedDb().tenant.findUnique({
    where: { id: tenantId },
    include: { plan: true, memberships: { where: { role: 'owner' }, include: { user: true }, take: 1 } },
  })
  if (!tenant) throw NotFound(msg('hotel_not_found', 'このホテルは見つかりません。', 'This hotel does not exist.'))
  if (tenant.stripeSubscriptionId)
    return { customerId: tenant.stripeCustomerId!, subscriptionId: tenant.stripeSubscriptionId }
  const ids = await gateway.subscribe(
    {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      ownerEmail: tenant.memberships[0]?.user.email ?? '',
      stripeCustomerId: tenant.stripeCustomerId,
    },
    tenant.plan,
    tenant.billingCycle,
  )
  await privilegedDb().tenant.update({
    where: { id: tenant.id },
    data: { stripeCustomerId: ids.customerId, stripeSubscriptionId: ids.subscriptionId },
  })
  return ids
}

export type { Stripe }

/**
 * Puts the customer-referral coupon on each referrer's Stripe subscription for every referral
 * discount not yet carried over (where Stripe is on). Runs after a conversion commits and again with
 * the daily billing job, so a Stripe outage only delays it; the idempotency keys make reruns safe.
 */
/**
 * Applies any due coupon now, never failing the caller (after a payment commits, and daily): errors are logged and
 * retried.
 */
export async function applyDueReferralCoupons() {
  await applyReferralCoupons().catch((error) =>
    console.error('[stripe] referral coupons not applied yet (the billing job retries):', (error as Error).message),
  )
}

export async function applyReferralCoupons(settings: StripeSettings | null = stripeSettingsFromEnv()) {
  const gateway = stripeGateway(settings)
  if (!gateway) return { applied: 0, failed: 0 }
  const db = privilegedDb()
  const due = await db.referralDiscount.findMany({
    where: { stripeCouponId: null, tenant: { stripeSubscriptionId: { not: null } } },
    include: { tenant: { select: { stripeSubscriptionId: true } } },
    take: 500,
  })
  let applied = 0
  let failed = 0
  for (const d of due) {
    try {
      const couponId = await gateway.applyReferralCoupon(d.tenant.stripeSubscriptionId!, d.referralId)
      if (!couponId) continue // three referral coupons running (the 30% cap): added once one ends
      await db.referralDiscount.update({
        where: { tenantId_id: { tenantId: d.tenantId, id: d.id } },
        data: { stripeCouponId: couponId },
      })
      applied++
    } catch (error) {
      failed++
      console.error(`[stripe] referral coupon for discount ${d.id} not applied yet:`, (error as Error).message)
    }
  }
  return { applied, failed }
}

/** A Stripe error as HQ or an owner should read it: what failed, that nothing changed, Stripe's own words. */
function stripeFailed(what: { code: string; ja: string; en: string }, error: unknown) {
  const detail = (error as { message?: string })?.message ?? String(error)
  return Upstream(msg(what.code, `${what.ja}（Stripe: ${detail}）`, `${what.en} (Stripe: ${detail})`), {
    stripeError: (error as { code?: string })?.code ?? null,
  })
}

/**
 * A plan or cycle change of a Stripe-billed hotel, sent to Stripe as a subscription schedule phase
 * from the next period (or withdrawn when the owner returns to the current plan). Called inside the
 * transaction that records the change, so a Stripe failure undoes it and the owner is told. `key`
 * names this change (tenant and its state before it): a retry replays, a new change is a new key.
 */
export async function sendPlanChangeToStripe(
  tenant: { id: string; stripeSubscriptionId: string | null },
  change: { plan: { planCode: string; name: string; monthlyPrice: number }; cycle: BillingCycleName } | null,
  key: string,
  settings: StripeSettings | null = stripeSettingsFromEnv(),
) {
  const gateway = stripeGateway(settings)
  if (!gateway || !tenant.stripeSubscriptionId) return null
  try {
    if (!change) return { withdrawn: await gateway.cancelPlanChange(tenant.stripeSubscriptionId, key) }
    return await gateway.schedulePlanChange(tenant.stripeSubscriptionId, change.plan, change.cycle, key)
  } catch (error) {
    throw stripeFailed(
      {
        code: 'stripe_plan_change_failed',
        ja:
          'Stripe にプラン変更を登録できませんでした。変更は保存されていません。' +
          'しばらくしてからもう一度お試しください。',
        en: 'Stripe did not accept the plan change, so nothing was changed. Please try again shortly.',
      },
      error,
    )
  }
}

/**
 * Sends HQ's refund of a Stripe-paid invoice to Stripe, on the payment intent stored with the
 * payment, before anything is recorded and with no transaction open: nothing (no payout row lock of
 * the refund's transaction) waits on Stripe. The idempotency key is our refund's (one full refund per
 * invoice), so a retry after a timeout, or after our own transaction failed, gets the same Stripe
 * refund back and never refunds twice; charge.refunded reconciles a refund we never recorded. A
 * Stripe failure throws before anything changed here. Null when Stripe is off or the invoice was paid
 * outside Stripe.
 */
export async function sendRefundToStripe(
  db: Pick<Prisma.TransactionClient, 'invoice' | 'payment'>,
  tenantId: string,
  invoiceId: string,
  reason: string,
  settings: StripeSettings | null = stripeSettingsFromEnv(),
) {
  await refundableInvoice(db, tenantId, invoiceId) // refused here before Stripe is asked
  const payment = await db.payment.findUnique({ where: { tenantId_invoiceId: { tenantId, invoiceId } } })
  if (!payment || payment.method !== 'stripe') return null
  const gateway = stripeGateway(settings)
  if (!gateway) return null // Stripe off: recorded here only, as before
  if (!payment.stripePaymentIntentId)
    throw Conflict(
      msg(
        'stripe_payment_intent_missing',
        'この支払いの Stripe PaymentIntent が記録されていないため、ここからは返金できません。Stripe ' +
          'のダッシュボードで返金してください（charge.refunded で記録されます）。',
        'This payment has no Stripe payment intent recorded, so it cannot be refunded from here: refund it in the ' +
          'Stripe dashboard (charge.refunded will record it).',
      ),
    )
  try {
    return await gateway.refund(payment.stripePaymentIntentId, null, reason, `invoice:${tenantId}:${invoiceId}`)
  } catch (error) {
    throw stripeFailed(
      {
        code: 'stripe_refund_failed',
        ja: 'Stripe が返金を受け付けませんでした。返金は記録されていません。',
        en: 'Stripe did not accept the refund, so nothing was recorded.',
      },
      error,
    )
  }
}

/** Records on the payment the Stripe refund sendRefundToStripe got, in the refund's transaction. */
export async function recordStripeRefund(
  tx: Prisma.TransactionClient,
  tenantId: string,
  invoiceId: string,
  refund: { id: string; amount: number },
) {
  await tx.payment.update({
    where: { tenantId_invoiceId: { tenantId, invoiceId } },
    data: { stripeRefundId: refund.id, refundedAmount: refund.amount },
  })
}

/** HQ creates the hotel's Stripe customer and subscription if missing (idempotent; audited). */
export async function linkTenantToStripe(tenantId: string, actor: Actor) {
  const ids = await syncTenantToStripe(tenantId)
  if (!ids)
    throw Invalid(
      msg(
        'stripe_unconfigured',
        'Stripe が設定されていません (STRIPE_SECRET_KEY)。',
        'Stripe is not configured (STRIPE_SECRET_KEY).',
      ),
    )
  // Stripe is outside our transaction: the entry records what it answered.
  await recordAudit(privilegedDb(), actor, {
    action: 'update',
    entity: 'tenant',
    entityId: tenantId,
    tenantId,
    after: { stripeCustomerId: ids.customerId, stripeSubscriptionId: ids.subscriptionId },
  })
  return ids
}
