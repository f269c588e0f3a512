// HQ's hand on a hotel's invoice: a payment received outside Stripe, a full refund. Each is one
// privileged transaction with its audit entry.
import { privilegedDb } from '../db/index.ts'
import { recordAudit, type Actor } from './audit.ts'
import { recordPayment } from './billing.ts'
import { refundInvoice } from './refunds.ts'
import { stripeSettingsFromEnv, type StripeSettings } from './stripe-gateway.ts'
import { applyDueReferralCoupons, recordStripeRefund, sendRefundToStripe } from './stripe-sync.ts'

/** HQ records a payment received by bank transfer or otherwise outside Stripe. */
export async function recordManualPayment(tenantId: string, invoiceId: string, actor: Actor) {
  const paid = await privilegedDb().$transaction(async (tx) => {
    const invoice = await recordPayment(tx, tenantId, invoiceId, {
      method: 'manual',
      recordedByUserId: actor.type === 'user' ? (actor.id ?? undefined) : undefined,
    })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'invoice',
      entityId: invoiceId,
      tenantId,
      before: { status: 'open' },
      after: { status: invoice.status, paidAt: invoice.paidAt },
    })
    return invoice
  })
  await applyDueReferralCoupons() // a conversion may have given the referrer its coupon (Stripe on)
  return paid
}

/**
 * HQ refunds a paid invoice in full. Stripe first, outside any transaction (its idempotency key makes a
 * retry safe), then our records in one transaction: a Stripe refusal changes nothing, and no payout
 * row stays locked while Stripe answers.
 */
export async function refundInvoiceInFull(
  tenantId: string,
  invoiceId: string,
  reason: string,
  actor: Actor,
  settings: StripeSettings | null = stripeSettingsFromEnv(),
) {
  // Stripe off or paid by hand: null.
  const stripeRefund = await sendRefundToStripe(privilegedDb(), tenantId, invoiceId, reason, settings)
  return privilegedDb().$transaction(async (tx) => {
    const result = await refundInvoice(tx, tenantId, invoiceId, reason)
    if (stripeRefund) await recordStripeRefund(tx, tenantId, invoiceId, stripeRefund)
    await recordAudit(tx, actor, {
      action: 'refund',
      entity: 'invoice',
      entityId: invoiceId,
      tenantId,
      before: { status: 'paid' },
      after: { status: 'refunded', reason, ...result, stripeRefundId: stripeRefund?.id ?? null },
    })
    return { ...result, stripeRefund }
  })
}
