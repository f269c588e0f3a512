// Stripe webhook events, each processed exactly once: the stripe_events row (primary key = event
// id) is written in the same transaction as the changes, so a replay or a concurrent duplicate
// changes nothing, and a failure leaves nothing behind for Stripe's retry to trip over.
import type Stripe from 'stripe'
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { addDays, qualifiedInvoiceFields, recordPayment } from './billing.ts'
import { cancelReferralsOf } from './referrals.ts'
import { businessRules } from './business-rules.ts'
import { refundInvoice } from './refunds.ts'
import { CYCLE_MONTHS, type BillingCycleName } from '../../shared/domain/billing.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { recordAudit, systemActor } from './audit.ts'
import { privilegedDb } from '../db/index.ts'
import { applyDueReferralCoupons } from './stripe-sync.ts'
import { scheduleRenewalActions } from './lifecycle.ts'

type Tx = Prisma.TransactionClient

function isDuplicateEvent(error: unknown): boolean {
  const e = error as { code?: string; meta?: { modelName?: string; target?: unknown } }
  return (
    e?.code === 'P2002' &&
    (e.meta?.modelName === 'StripeEvent' || JSON.stringify(e.meta?.target ?? '').includes('stripe_events'))
  )
}

async function tenantOf(
  tx: Tx,
  object: { customer?: string | { id: string } | null; metadata?: Record<string, string> | null },
) {
  const customer = typeof object.customer === 'string' ? object.customer : object.customer?.id
  const byCustomer = customer ? await tx.tenant.findUnique({ where: { stripeCustomerId: customer } }) : null
  if (byCustomer) return byCustomer
  const id = object.metadata?.tenantId
  return id ? tx.tenant.findUnique({ where: { id } }) : null
}

/** Our invoice for a Stripe invoice: the one linked to it, else the tenant's oldest open one. */
async function ourInvoice(tx: Tx, tenantId: string, stripeInvoiceId: string) {
  return (
    (await tx.invoice.findFirst({ where: { tenantId, stripeInvoiceId } })) ??
    tx.invoice.findFirst({ where: { tenantId, status: 'open' }, orderBy: { periodStart: 'asc' } })
  )
}

/** A whole invoice as Stripe sends it in invoice.* events (a bare `{ id, customer }` is not one). */
function isCompleteInvoice(inv: Stripe.Invoice): boolean {
  return typeof inv.total === 'number' && Array.isArray(inv.lines?.data) && inv.lines.data.length > 0
}

const tokyoDate = (unix: number) => periodKey(new Date(unix * 1000), 'day')
const CYCLES = Object.keys(CYCLE_MONTHS) as BillingCycleName[]

/**
 * Our invoice made from Stripe's, the one place where a Stripe invoice becomes ours (Stripe on):
 * Stripe's lines, discounts, tax and totals, the period of its subscription line (Asia/Tokyo dates).
 * Idempotent: an invoice already linked to this Stripe invoice is returned unchanged, so a replay or
 * a second event (finalized after paid) changes nothing. An open invoice of ours for the same period
 * without a Stripe link (the first one, issued at signup) is adopted: its amounts and lines become
 * Stripe's. A pending plan or cycle change that Stripe's invoice now bills is applied to the tenant.
 * Hook for issue dates, tax rates as data and credit notes: everything an invoice gets is set here.
 */
export async function createInvoiceFromStripe(tx: Tx, tenant: { id: string; slug: string }, inv: Stripe.Invoice) {
  const linked = await tx.invoice.findFirst({ where: { tenantId: tenant.id, stripeInvoiceId: inv.id } })
  if (linked) return { invoice: linked, created: false }
  const row = await tx.tenant.findUniqueOrThrow({
    where: { id: tenant.id },
    include: { plan: true, pendingPlan: true },
  })
  const qualified = qualifiedInvoiceFields(row, [], new Date()) // no invoice without a valid seller registration number
  const lines = inv.lines.data
  const subscriptionLine = lines.find((l) => l.parent?.type === 'subscription_item_details') ?? lines[0]!
  const metadata = { ...(inv.parent?.subscription_details?.metadata ?? {}) }
  const cycle = (
    CYCLES.includes(metadata.cycle as BillingCycleName) ? metadata.cycle : row.billingCycle
  ) as BillingCycleName
  const planCode = metadata.planCode ?? row.plan.planCode
  const periodStart = tokyoDate(subscriptionLine.period.start)
  const periodEnd = tokyoDate(subscriptionLine.period.end)
  const tax = inv.total_taxes
    ? inv.total_taxes.reduce((sum, t) => sum + t.amount, 0)
    : inv.total - (inv.total_excluding_tax ?? inv.total)
  const subtotal = inv.total_excluding_tax ?? inv.total - tax
  const ourLines = [
    ...lines.map((l) => ({
      kind: l.parent?.subscription_item_details?.proration ? ('proration' as const) : ('plan' as const),
      description: l.description ?? `${planCode}（${CYCLE_MONTHS[cycle]}か月分）`,
      amount: l.amount,
    })),
    ...(inv.total_discount_amounts ?? [])
      .filter((d) => d.amount > 0)
      .map((d) => ({ kind: 'referral_discount' as const, description: discountName(d.discount), amount: -d.amount })),
    ...(inv.total_pretax_credit_amounts ?? [])
      .filter((c) => c.amount > 0)
      .map((c) => ({ kind: 'credit' as const, description: 'クレジット', amount: -c.amount })),
  ]
  const data = {
    periodStart: new Date(periodStart),
    periodEnd: new Date(periodEnd),
    months: CYCLE_MONTHS[cycle],
    planCode,
    billingCycle: cycle,
    subtotal,
    tax,
    total: inv.total,
    currency: inv.currency.toUpperCase(),
    dueDate: new Date(inv.due_date ? tokyoDate(inv.due_date) : addDays(periodStart, 14)),
    stripeInvoiceId: inv.id,
    // What a qualified invoice prints, with Stripe's amounts: one rate (10%対象), Stripe's tax.
    ...qualified,
    taxBreakdown: [
      { rateBps: (await businessRules(tx, new Date(periodStart))).consumptionTaxBps, taxable: subtotal, tax },
    ] as unknown as Prisma.InputJsonValue,
  }
  const samePeriod = await tx.invoice.findFirst({
    where: { tenantId: tenant.id, periodStart: data.periodStart, stripeInvoiceId: null },
  })
  let invoice
  if (samePeriod && samePeriod.status === 'open') {
    invoice = await tx.invoice.update({ where: { tenantId_id: { tenantId: tenant.id, id: samePeriod.id } }, data })
    await tx.invoiceLine.deleteMany({ where: { tenantId: tenant.id, invoiceId: samePeriod.id } })
  } else if (samePeriod) {
    // Settled outside Stripe already (HQ recorded it): linked, its amounts kept as they were paid.
    return {
      invoice: await tx.invoice.update({
        where: { tenantId_id: { tenantId: tenant.id, id: samePeriod.id } },
        data: { stripeInvoiceId: inv.id },
      }),
      created: false,
    }
  } else {
    invoice = await tx.invoice.create({
      data: { tenantId: tenant.id, number: `${tenant.slug.toUpperCase()}-${periodStart.replaceAll('-', '')}`, ...data },
    })
  }
  await tx.invoiceLine.createMany({
    data: ourLines.map((line, sortOrder) => ({
      tenantId: tenant.id,
      invoiceId: invoice.id,
      sortOrder,
      currency: data.currency,
      ...line,
    })),
  })
  // The period Stripe bills now carries the scheduled plan or cycle: it is the hotel's plan from here on.
  const pendingPlanCode = row.pendingPlan?.planCode ?? row.plan.planCode
  const pendingCycle = row.pendingBillingCycle ?? row.billingCycle
  if ((row.pendingPlanId || row.pendingBillingCycle) && planCode === pendingPlanCode && cycle === pendingCycle) {
    await tx.tenant.update({
      where: { id: tenant.id },
      data: {
        planId: row.pendingPlanId ?? row.planId,
        billingCycle: pendingCycle,
        pendingPlanId: null,
        pendingBillingCycle: null,
      },
    })
  }
  await recordAudit(tx, systemActor('stripe'), {
    tenantId: tenant.id,
    action: 'create',
    entity: 'invoice',
    entityId: invoice.id,
    after: {
      stripeInvoiceId: inv.id,
      number: invoice.number,
      subtotal,
      tax,
      total: inv.total,
      adopted: Boolean(samePeriod),
    },
  })
  return { invoice, created: true }
}

function discountName(discount: string | Stripe.Discount | Stripe.DeletedDiscount): string {
  const coupon = typeof discount === 'object' && 'source' in discount ? discount.source?.coupon : null
  return (typeof coupon === 'object' && coupon?.name) || '紹介割引'
}

/** Stripe's payment intent and charge of a paid invoice, from the event when it carries them. */
function paymentRefs(inv: Stripe.Invoice, fetched: Stripe.InvoicePayment[] = []) {
  const payments = [...(inv.payments?.data ?? []), ...fetched]
  const paid = payments.find((p) => p.status === 'paid') ?? payments[0]
  const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : x?.id) ?? null
  const legacy = inv as unknown as {
    payment_intent?: string | { id: string } | null
    charge?: string | { id: string } | null
  }
  return {
    paymentIntentId: idOf(paid?.payment.payment_intent) ?? idOf(legacy.payment_intent),
    chargeId: idOf(paid?.payment.charge) ?? idOf(legacy.charge),
  }
}

async function notifyOwners(
  tx: Tx,
  tenantId: string,
  kind: string,
  subject: string,
  body: string,
  data: Prisma.InputJsonValue,
) {
  const owners = await tx.tenantMembership.findMany({ where: { tenantId, role: 'owner' } })
  await tx.notification.createMany({
    data: owners.map((o) => ({ userId: o.userId, tenantId, kind, subject, body, data })),
  })
}

async function handle(tx: Tx, event: Stripe.Event, context: EventContext): Promise<string> {
  switch (event.type) {
    case 'invoice.finalized': {
      const inv = event.data.object
      const tenant = await tenantOf(tx, inv)
      if (!tenant) return 'unknown_customer'
      if (!isCompleteInvoice(inv)) return 'ignored_incomplete'
      const { created, invoice } = await createInvoiceFromStripe(tx, tenant, inv)
      // A renewal (Stripe's next cycle): loyalty benefit and upsell proposal on the queue (issue 13).
      if (created && inv.billing_reason === 'subscription_cycle')
        await scheduleRenewalActions(tx, tenant.id, invoice.periodStart.toISOString().slice(0, 10))
      return created ? 'invoice_created' : 'invoice_exists'
    }
    case 'invoice.paid': {
      const inv = event.data.object
      const tenant = await tenantOf(tx, inv)
      if (!tenant) return 'unknown_customer'
      // Paid before finalized reached us: the paid event carries the whole invoice, so it is made here.
      const invoice = isCompleteInvoice(inv)
        ? (await createInvoiceFromStripe(tx, tenant, inv)).invoice
        : await ourInvoice(tx, tenant.id, inv.id!)
      if (!invoice) return 'no_open_invoice'
      if (invoice.status === 'paid') return 'already_paid'
      if (invoice.status !== 'open') return `ignored_${invoice.status}`
      await tx.invoice.update({
        where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } },
        data: { stripeInvoiceId: inv.id },
      })
      const paidAt = new Date(((inv.status_transitions?.paid_at ?? event.created) as number) * 1000)
      const refs = paymentRefs(inv, context.invoicePayments)
      await recordPayment(tx, tenant.id, invoice.id, {
        method: 'stripe',
        externalId: inv.id,
        paidAt,
        amount: typeof inv.amount_paid === 'number' ? inv.amount_paid : undefined,
        stripePaymentIntentId: refs.paymentIntentId,
        stripeChargeId: refs.chargeId,
      })
      return 'paid'
    }
    case 'charge.refunded': {
      const charge = event.data.object
      const paymentIntentId =
        typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id
      const payment = await tx.payment.findFirst({
        where: {
          OR: [...(paymentIntentId ? [{ stripePaymentIntentId: paymentIntentId }] : []), { stripeChargeId: charge.id }],
        },
        include: { invoice: true },
      })
      if (!payment) return 'unknown_payment'
      const refundId = charge.refunds?.data?.[0]?.id ?? payment.stripeRefundId
      if (
        payment.refundedAmount === charge.amount_refunded &&
        (payment.invoice.status === 'refunded' || !charge.refunded)
      )
        return 'already_reconciled'
      await tx.payment.update({
        where: { tenantId_id: { tenantId: payment.tenantId, id: payment.id } },
        data: {
          refundedAmount: charge.amount_refunded,
          stripeRefundId: refundId,
          stripeChargeId: payment.stripeChargeId ?? charge.id,
        },
      })
      // Refunded in full in Stripe (its dashboard, or our refund whose commit was lost): ours follows.
      if (charge.refunded && payment.invoice.status === 'paid') {
        const result = await refundInvoice(tx, payment.tenantId, payment.invoiceId, 'Refunded in Stripe')
        await recordAudit(tx, systemActor('stripe'), {
          tenantId: payment.tenantId,
          action: 'refund',
          entity: 'invoice',
          entityId: payment.invoiceId,
          before: { status: 'paid' },
          after: {
            status: 'refunded',
            stripeRefundId: refundId ?? null,
            amountRefunded: charge.amount_refunded,
            ...result,
          },
        })
        return 'refunded'
      }
      await recordAudit(tx, systemActor('stripe'), {
        tenantId: payment.tenantId,
        action: 'update',
        entity: 'payment',
        entityId: payment.id,
        before: { refundedAmount: payment.refundedAmount },
        after: { refundedAmount: charge.amount_refunded, stripeRefundId: refundId ?? null },
      })
      return charge.refunded ? 'refund_recorded' : 'partially_refunded'
    }
    case 'invoice.payment_failed': {
      const inv = event.data.object
      const tenant = await tenantOf(tx, inv)
      if (!tenant) return 'unknown_customer'
      const invoice = isCompleteInvoice(inv)
        ? (await createInvoiceFromStripe(tx, tenant, inv)).invoice
        : await ourInvoice(tx, tenant.id, inv.id!)
      // Out of order: a failure reported after the invoice was paid changes nothing.
      if (!invoice || invoice.status === 'paid') return 'ignored_already_paid'
      await tx.invoice.update({
        where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } },
        data: { stripeInvoiceId: inv.id },
      })
      if (tenant.status === 'active') await tx.tenant.update({ where: { id: tenant.id }, data: { status: 'past_due' } })
      await notifyOwners(
        tx,
        tenant.id,
        'payment_failed',
        `お支払いが確認できませんでした（請求書 ${invoice.number}）`,
        'ご登録のお支払い方法で決済できませんでした。プランと請求の画面からお支払い方法をご確認ください。',
        { invoiceNumber: invoice.number, stripeInvoiceId: inv.id ?? null },
      )
      await recordAudit(tx, systemActor('stripe'), {
        tenantId: tenant.id,
        action: 'payment_failed',
        entity: 'invoice',
        entityId: invoice.id,
        after: { stripeInvoiceId: inv.id ?? null, tenantStatus: 'past_due' },
      })
      return 'past_due'
    }
    case 'customer.subscription.deleted': {
      const sub = event.data.object
      const tenant = await tenantOf(tx, sub)
      if (!tenant) return 'unknown_customer'
      if (tenant.status === 'cancelled') return 'already_cancelled'
      await tx.tenant.update({ where: { id: tenant.id }, data: { status: 'cancelled' } })
      await cancelReferralsOf(tx, tenant.id, new Date(event.created * 1000))
      await notifyOwners(
        tx,
        tenant.id,
        'subscription_cancelled',
        'ご契約が終了しました',
        'OmotenasuAI のご契約が解約されました。ご利用ありがとうございました。',
        { stripeSubscriptionId: sub.id },
      )
      await recordAudit(tx, systemActor('stripe'), {
        tenantId: tenant.id,
        action: 'cancel',
        entity: 'tenant',
        entityId: tenant.id,
        before: { status: tenant.status },
        after: { status: 'cancelled' },
      })
      return 'cancelled'
    }
    default:
      return 'ignored'
  }
}

/** What an event needs from Stripe beyond its payload, fetched before the transaction opens. */
interface EventContext {
  invoicePayments?: Stripe.InvoicePayment[]
}

/**
 * Stripe's API (Stripe on) to fill what a payload leaves out: an invoice's payments are not in invoice.paid unless
 * expanded.
 */
export interface StripeLookups {
  invoicePayments(invoiceId: string): Promise<Stripe.InvoicePayment[]>
}

async function contextOf(event: Stripe.Event, lookups: StripeLookups | null): Promise<EventContext> {
  if (event.type !== 'invoice.paid' || !lookups) return {}
  const inv = event.data.object
  if (paymentRefs(inv).paymentIntentId || !inv.id) return {}
  return { invoicePayments: await lookups.invoicePayments(inv.id) }
}

export async function processStripeEvent(
  db: PrismaClient,
  event: Stripe.Event,
  lookups: StripeLookups | null = null,
): Promise<{ duplicate: boolean; outcome: string }> {
  if (await db.stripeEvent.findUnique({ where: { id: event.id } })) return { duplicate: true, outcome: 'duplicate' }
  const context = await contextOf(event, lookups)
  try {
    return await db.$transaction(async (tx) => {
      await tx.stripeEvent.create({
        data: { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), outcome: 'processing' },
      })
      const outcome = await handle(tx, event, context)
      await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome } })
      return { duplicate: false, outcome }
    })
  } catch (error) {
    if (isDuplicateEvent(error)) return { duplicate: true, outcome: 'duplicate' }
    throw error
  }
}

/** The webhook route's entry: the event on the privileged client; Stripe on, then due coupons applied. */
export async function receiveStripeEvent(event: Stripe.Event, lookups: StripeLookups | null) {
  const outcome = await processStripeEvent(privilegedDb(), event, lookups)
  if (event.type === 'invoice.paid') await applyDueReferralCoupons()
  return outcome
}
