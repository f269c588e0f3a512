// Invoices and payments, the same whichever path pays them (Stripe webhook or HQ "mark paid"),
// so commissions, KPIs and refunds never care which one ran. Runs on privilegedDb (jobs, signup,
// HQ) or inside a caller's transaction.
import type { InvoiceStatus, Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { Conflict, msg, NotFound } from '../lib/errors.ts'
import {
  billingPeriod,
  draftInvoice,
  effectiveMonthlyFee,
  ownDiscountsForInvoice,
  type BillingCycleName,
} from '../../shared/domain/billing.ts'
import type { BusinessRules } from '../../shared/domain/business-rules.ts'
import { businessRules } from './business-rules.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { stripeSettingsFromEnv } from './stripe-gateway.ts'
import { buyerName, issueDate, taxByRate } from '../../shared/domain/invoices.ts'
import { requireSeller } from '../lib/seller.ts'
import { issueReceipt } from './invoice-documents.ts'
import { compensationCreditsFor, recordCompensationCredits } from './roi-credits.ts'
import { scheduleRenewalActions } from './lifecycle.ts'
import { queue } from './queue.ts'

type Tx = Prisma.TransactionClient
const PAYMENT_TERMS_DAYS = 14
/** An invoice's status as the billing page shows it in Japanese (i18n/locales/ja.json billing.statuses). */
export const INVOICE_STATUS_JA: Record<InvoiceStatus, string> = {
  open: '未払い',
  paid: '支払済み',
  void: '無効',
  refunded: '返金済み',
}

export const businessDate = (d: Date) => d.toISOString().slice(0, 10)

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return businessDate(d)
}

export interface PlanForInvoice {
  planCode: string
  name: string
  monthlyPrice: number
}

/**
 * What makes an invoice row a qualified invoice (適格請求書), fixed at issue: the configured seller
 * (throws 503 with the reason when its registration number is missing or invalid), the buyer, the
 * issue time and date (Asia/Tokyo) and the subtotal and tax per rate of `lines`. Every path that
 * creates an invoice row (our billing job, signup, an invoice created from Stripe's) spreads this
 * into its data.
 */
export function qualifiedInvoiceFields(
  tenant: { name: string; operatingCompany?: string | null },
  lines: readonly { amount: number; taxRateBps: number }[],
  now: Date,
) {
  const seller = requireSeller()
  return {
    issuedAt: now,
    issueDate: new Date(issueDate(now)),
    buyerName: buyerName(tenant),
    sellerName: seller.name,
    sellerRegistrationNumber: seller.registrationNumber,
    sellerAddress: seller.address,
    taxBreakdown: taxByRate(lines) as unknown as Prisma.InputJsonValue,
  }
}

/**
 * Issues the invoice of the period starting `periodStart`, with its lines, amounts fixed now: a
 * qualified invoice (適格請求書) with the seller, the buyer, the issue date (Asia/Tokyo) and the
 * subtotal and tax per rate as printed. Refuses (503) when the seller's registration number is
 * missing or invalid: no invoice without one.
 */
export async function issueInvoice(
  tx: Tx,
  tenant: { id: string; slug: string; name: string; operatingCompany?: string | null },
  plan: PlanForInvoice,
  cycle: BillingCycleName,
  periodStart: string,
  referralDiscountsBps: number[] = [],
  credits: { description: string; amount: number }[] = [],
  now: Date = new Date(),
) {
  const qualified = qualifiedInvoiceFields(tenant, [], now) // refuses before any work without a seller
  // The numbers in force on the period's first day; the invoice keeps its amounts whatever changes later.
  const rules = await businessRules(tx, new Date(periodStart))
  const draft = draftInvoice({
    planName: plan.name,
    basePrice: plan.monthlyPrice,
    cycle,
    referralDiscountsBps,
    credits,
    rules,
  })
  const period = billingPeriod(periodStart, cycle)
  const invoice = await tx.invoice.create({
    data: {
      ...qualified,
      taxBreakdown: taxByRate(draft.lines) as unknown as Prisma.InputJsonValue,
      tenantId: tenant.id,
      number: `${tenant.slug.toUpperCase()}-${periodStart.replaceAll('-', '')}`,
      periodStart: new Date(period.start),
      periodEnd: new Date(period.end),
      months: draft.months,
      planCode: plan.planCode,
      billingCycle: cycle,
      subtotal: draft.subtotal,
      tax: draft.tax,
      total: draft.total,
      dueDate: new Date(addDays(periodStart, PAYMENT_TERMS_DAYS)),
    },
  })
  await tx.invoiceLine.createMany({
    data: draft.lines.map((line, sortOrder) => ({ tenantId: tenant.id, invoiceId: invoice.id, sortOrder, ...line })),
  })
  return invoice
}

/**
 * Issues every invoice that is due by `today` (Asia/Tokyo business date): for each active tenant
 * whose last period has ended, the next one, applying a pending plan or cycle change first. Catches
 * up on missed periods; the (tenant, period start) key makes a second run a no-op.
 */
export async function issueDueInvoices(
  db: PrismaClient,
  now: Date,
  options: { stripeOn?: boolean; tenantIds?: string[] } = {},
): Promise<{ issued: number }> {
  requireSeller() // before any tenant: the job fails with the reason, on /hq/jobs
  const today = periodKey(now, 'day')
  // With Stripe on, a hotel with a Stripe subscription is invoiced by Stripe (invoice.finalized), not here.
  const stripeOn = options.stripeOn ?? stripeSettingsFromEnv() !== null
  const tenants = await db.tenant.findMany({
    where: {
      status: { in: ['active', 'past_due'] },
      ...(stripeOn ? { stripeSubscriptionId: null } : {}),
      ...(options.tenantIds ? { id: { in: options.tenantIds } } : {}),
    },
    select: { id: true, slug: true },
  })
  if (tenants.length) await queue() // started before the transactions that enqueue renewal actions
  let issued = 0
  const failures: string[] = []
  for (const { id, slug } of tenants) {
    // One hotel's failure does not hold back the others' invoices: it is reported when all are done.
    try {
      issued += await issueDueForTenant(db, id, today, now)
    } catch (error) {
      failures.push(`${slug}: ${error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error)}`)
    }
  }
  if (failures.length)
    throw new Error(
      `billing: ${failures.length} of ${tenants.length} hotels failed (${issued} invoices issued): ` +
        failures.join('; '),
    )
  return { issued }
}

/** The invoices due by `today` for one hotel, in one transaction that holds the hotel's row. */
async function issueDueForTenant(db: PrismaClient, id: string, today: string, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    // Runs take turns per hotel (the daily job and one HQ started by hand): the second waits here,
    // then finds the period issued instead of failing on the unique key.
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${id} FOR UPDATE`
    let count = 0
    for (;;) {
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id }, include: { plan: true, pendingPlan: true } })
      // The period that ends last (not the one that starts last: periods edited by hand may overlap).
      const last = await tx.invoice.findFirst({
        where: { tenantId: id },
        orderBy: [{ periodEnd: 'desc' }, { periodStart: 'desc' }],
      })
      const nextStart = last ? businessDate(last.periodEnd) : businessDate(tenant.contractStartDate)
      if (nextStart > today) return count
      // A full refund under the guarantee ends the contract with its paid period: no next invoice.
      if (tenant.cancelsOn && nextStart >= businessDate(tenant.cancelsOn)) {
        await tx.tenant.update({ where: { id }, data: { status: 'cancelled' } })
        return count
      }
      const plan = tenant.pendingPlan ?? tenant.plan
      const cycle = tenant.pendingBillingCycle ?? tenant.billingCycle
      const rules = await businessRules(tx, new Date(nextStart))
      if (tenant.pendingPlanId || tenant.pendingBillingCycle) {
        await tx.tenant.update({
          where: { id },
          data: {
            planId: plan.id,
            billingCycle: cycle,
            pendingPlanId: null,
            pendingBillingCycle: null,
            discountRateBps: rules.cycleDiscountBps[cycle],
          },
        })
      }
      const { discountsBps, credits } = await consumeReferralDiscounts(tx, id, plan.monthlyPrice, cycle, rules)
      // An ROI compensation approved as a credit comes off after the referral credits (services/roi-credits.ts).
      const compensation = await compensationCreditsFor(tx, id)
      const invoice = await issueInvoice(
        tx,
        tenant,
        plan,
        cycle,
        nextStart,
        discountsBps,
        [...credits, ...compensation],
        now,
      )
      if (compensation.length) await recordCompensationCredits(tx, id, invoice.id)
      if (last) await scheduleRenewalActions(tx, id, nextStart) // a renewal: loyalty benefit, upsell (issue 13)
      count++
    }
  })
}

/** A Stripe payment is recorded at what Stripe collected (amount_paid), with what a refund needs. */
export interface StripePaymentRefs {
  amount?: number
  stripePaymentIntentId?: string | null
  stripeChargeId?: string | null
}

/**
 * Records the payment of an invoice (one per invoice, unique in the database) and marks it paid.
 * The referred hotel's first paid invoice converts its pending referral.
 */
export async function recordPayment(
  tx: Tx,
  tenantId: string,
  invoiceId: string,
  payment: {
    method: 'stripe' | 'manual'
    externalId?: string
    recordedByUserId?: string
    paidAt?: Date
  } & StripePaymentRefs,
) {
  const invoice = await tx.invoice.findUnique({ where: { tenantId_id: { tenantId, id: invoiceId } } })
  if (!invoice) throw NotFound(msg('invoice_not_found', 'この請求書は見つかりません。', 'This invoice does not exist.'))
  if (invoice.status === 'paid')
    throw Conflict(
      msg(
        'invoice_already_paid',
        `請求書「${invoice.number}」はすでにお支払い済みです。`,
        `Invoice ${invoice.number} is already paid.`,
      ),
    )
  if (invoice.status !== 'open')
    throw Conflict(
      msg(
        'invoice_not_payable',
        `請求書「${invoice.number}」は${INVOICE_STATUS_JA[invoice.status]}のため、お支払いできません。`,
        `Invoice ${invoice.number} is ${invoice.status} and cannot be paid.`,
      ),
    )
  const paidAt = payment.paidAt ?? new Date()
  const paymentRow = await tx.payment.create({
    data: {
      tenantId,
      invoiceId,
      amount: payment.amount ?? invoice.total,
      currency: invoice.currency,
      method: payment.method,
      externalId: payment.externalId,
      recordedByUserId: payment.recordedByUserId,
      paidAt,
      stripePaymentIntentId: payment.stripePaymentIntentId,
      stripeChargeId: payment.stripeChargeId,
    },
  })
  await issueReceipt(tx, tenantId, paymentRow.id)
  const paid = await tx.invoice.update({
    where: { tenantId_id: { tenantId, id: invoiceId } },
    data: { status: 'paid', paidAt },
  })
  const earlierPaid = await tx.invoice.count({ where: { tenantId, status: 'paid', NOT: { id: invoiceId } } })
  if (earlierPaid === 0) {
    const converting = await tx.referral.findMany({ where: { referredTenantId: tenantId, status: 'pending' } })
    await tx.referral.updateMany({
      where: { id: { in: converting.map((r) => r.id) } },
      data: { status: 'converted', convertedAt: paidAt },
    })
    // An agent's contract is recorded as a sale, with the fee it was signed at.
    const tenantRow = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
    const rules = await businessRules(tx, paidAt)
    for (const r of converting.filter((r) => r.referrerType === 'agent' && r.referrerAgentId)) {
      await tx.agentSale.upsert({
        where: { tenantId_referralId: { tenantId, referralId: r.id } },
        create: {
          tenantId,
          agentId: r.referrerAgentId!,
          referralId: r.id,
          planCode: tenantRow.plan.planCode,
          contractStartDate: tenantRow.contractStartDate,
          monthlyFee: effectiveMonthlyFee(tenantRow.plan.monthlyPrice, tenantRow.billingCycle, [], rules),
        },
        update: {},
      })
    }
    // A hotel that referred this one gets 10% off its own next 6 months (DOMAIN.md; the numbers in force at
    // conversion).
    for (const r of converting.filter(
      (r) => r.referrerType === 'customer' && r.referrerTenantId && r.referrerTenantId !== tenantId,
    )) {
      await tx.referralDiscount.upsert({
        where: { tenantId_referralId: { tenantId: r.referrerTenantId!, referralId: r.id } },
        create: {
          tenantId: r.referrerTenantId!,
          referralId: r.id,
          discountBps: rules.ownDiscountBps,
          monthsRemaining: rules.ownDiscountMonths,
        },
        update: {},
      })
    }
  }
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })
  if (
    tenant.status === 'past_due' &&
    (await tx.invoice.count({
      where: { tenantId, status: 'open', dueDate: { lt: new Date(businessDate(paidAt)) } },
    })) === 0
  ) {
    await tx.tenant.update({ where: { id: tenantId }, data: { status: 'active' } })
  }
  return paid
}

/**
 * The referrer's own discounts for the invoice being issued (ownDiscountsForInvoice): monthly, each
 * active discount takes its rate off this invoice (capped) and one of its months; yearly or
 * biennial, one credit for all their months, capped like monthly discounts. Revoked discounts
 * (their referral was cancelled) give nothing.
 */
async function consumeReferralDiscounts(
  tx: Tx,
  tenantId: string,
  monthlyPrice: number,
  cycle: BillingCycleName,
  rules: BusinessRules,
) {
  const active = await tx.referralDiscount.findMany({
    where: { tenantId, monthsRemaining: { gt: 0 }, revokedAt: null },
    orderBy: { createdAt: 'asc' },
  })
  const outcome = ownDiscountsForInvoice(
    active,
    cycle,
    effectiveMonthlyFee(monthlyPrice, cycle, [], rules),
    rules.referralDiscountCapBps,
  )
  for (const d of active)
    await tx.referralDiscount.update({
      where: { tenantId_id: { tenantId, id: d.id } },
      data: { monthsRemaining: outcome.remaining[d.id] ?? d.monthsRemaining },
    })
  return { discountsBps: outcome.discountsBps, credits: outcome.credits }
}

/** The next invoice date: the end of the last invoiced period. */
export function nextInvoiceDate(lastPeriodEnd: Date | null, contractStart: Date): string {
  return lastPeriodEnd ? businessDate(lastPeriodEnd) : businessDate(contractStart)
}
