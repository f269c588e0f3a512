// Refunding a paid invoice: the commissions of the months it covered are cancelled if unpaid
// (a draft payout that held them is recomputed), or clawed back from the payee's next payout if
// they are paid or in a payout past draft (approved, exported, transferred: only a draft changes,
// so the bank's payment is never edited). ROI compensations are not refunds and never come here.
import type { Prisma } from '../generated/prisma/client.ts'
import { Conflict, msg, NotFound } from '../lib/errors.ts'
import { INVOICE_STATUS_JA } from './billing.ts'
import { addMonthsToMonth, payout as payoutRule } from '../../shared/domain/referrals.ts'
import { refundEligibility } from '../../shared/domain/refunds.ts'
import { businessRules } from './business-rules.ts'
import { issueCreditNote } from './invoice-documents.ts'
import { cancelReferralsOf } from './referrals.ts'

type Tx = Prisma.TransactionClient

/** The invoice, if it can be refunded in full now (it exists and is paid); a domain error otherwise. */
export async function refundableInvoice(db: Pick<Tx, 'invoice'>, tenantId: string, invoiceId: string) {
  const invoice = await db.invoice.findUnique({ where: { tenantId_id: { tenantId, id: invoiceId } } })
  if (!invoice) throw NotFound(msg('invoice_not_found', 'この請求書は見つかりません。', 'This invoice does not exist.'))
  if (invoice.status !== 'paid')
    throw Conflict(
      msg(
        'invoice_not_refundable',
        `請求書「${invoice.number}」は${INVOICE_STATUS_JA[invoice.status]}です。` +
          '返金できるのはお支払い済みの請求書のみです。',
        `Invoice ${invoice.number} is ${invoice.status}; only a paid invoice can be refunded.`,
      ),
    )
  return invoice
}

export async function refundInvoice(tx: Tx, tenantId: string, invoiceId: string, reason: string, now = new Date()) {
  const invoice = await refundableInvoice(tx, tenantId, invoiceId)
  const first = invoice.periodStart.toISOString().slice(0, 7)
  const months = Array.from({ length: invoice.months }, (_, i) => new Date(`${addMonthsToMonth(first, i)}-01`))
  const commissions = await tx.referralPayment.findMany({
    where: { tenantId, paymentMonth: { in: months }, status: { not: 'cancelled' } },
    include: { referral: true },
  })
  // Lock the payouts these commissions are in, so an approval cannot slip between reading a payout
  // as a draft and recomputing it (the approval waits, then approves the recomputed draft).
  const payoutIds = [...new Set(commissions.flatMap((c) => (c.payoutId ? [c.payoutId] : [])))]
  const locked = payoutIds.length
    ? await tx.$queryRaw<
        { id: string; status: string }[]
      >`SELECT id, status::text AS status FROM payouts WHERE id = ANY(${payoutIds}) FOR UPDATE`
    : []
  const lockedPayouts = new Set(locked.filter((p) => p.status !== 'draft').map((p) => p.id))

  let cancelled = 0
  let clawedBack = 0
  const touchedPayouts = new Set<string>()
  for (const c of commissions) {
    if (c.status === 'pending' && !(c.payoutId && lockedPayouts.has(c.payoutId))) {
      if (c.payoutId) touchedPayouts.add(c.payoutId)
      await tx.referralPayment.update({
        where: { tenantId_id: { tenantId, id: c.id } },
        data: { status: 'cancelled', payoutId: null },
      })
      cancelled++
    } else {
      const r = c.referral
      await tx.payoutAdjustment.create({
        data: {
          payeeType: r.referrerType,
          payeeId: (r.referrerAgentId ?? r.referrerTenantId ?? r.referrerPmsVendorId)!,
          amount: -c.amount,
          reason: `Clawback: invoice ${invoice.number} refunded (${reason})`,
          referralPaymentId: c.id,
        },
      })
      clawedBack++
    }
  }
  // A draft payout that held cancelled commissions is recomputed, or dropped below the minimum.
  for (const payoutId of touchedPayouts) {
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId } })
    if (payout.status !== 'draft') continue
    const rest = await tx.referralPayment.aggregate({ where: { payoutId }, _sum: { amount: true } })
    const adjustments = await tx.payoutAdjustment.aggregate({
      where: { appliedPayoutId: payoutId },
      _sum: { amount: true },
    })
    const decision = payoutRule(
      (rest._sum.amount ?? 0) + (adjustments._sum.amount ?? 0),
      await businessRules(tx, payout.createdAt),
    ) // the numbers the draft was made with
    if (decision.pay)
      await tx.payout.update({
        where: { id: payoutId },
        data: { amount: decision.amount, tax: decision.tax, total: decision.total },
      })
    else {
      await tx.referralPayment.updateMany({ where: { payoutId }, data: { payoutId: null } })
      await tx.payoutAdjustment.updateMany({ where: { appliedPayoutId: payoutId }, data: { appliedPayoutId: null } })
      await tx.payout.delete({ where: { id: payoutId } })
    }
  }
  // The 適格返還請求書 of the amount returned (the whole invoice), in the same transaction.
  const creditNote = await issueCreditNote(tx, { tenantId, invoiceId, reason })
  await tx.invoice.update({ where: { tenantId_id: { tenantId, id: invoiceId } }, data: { status: 'refunded' } })
  // A money-back refund (inside the guarantee period) ends the hotel's referral and the referrer's own discount.
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
  const contractStart = tenant.contractStartDate.toISOString().slice(0, 10)
  if (refundEligibility(contractStart, tenant.plan.guaranteeDays, now).eligible)
    await cancelReferralsOf(tx, tenantId, now)
  return {
    invoice: invoice.number,
    cancelled,
    clawedBack,
    creditNote: { id: creditNote.id, number: creditNote.number, total: creditNote.total },
  }
}
