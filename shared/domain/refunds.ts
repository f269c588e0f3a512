// Risk reversal (リスクリバーサル): who may ask for their money back, how much, and whether HQ needs
// to look first. Pure: plain data and `now` in, answers out; days are Asia/Tokyo business dates.
import { periodKey } from './schedule.ts'

export type RefundRequestTypeName = 'full_refund' | 'roi_compensation'

/** DOMAIN.md: a full refund of at most ¥100,000 for a tenant with no earlier refund is approved at once. */
export const DEFAULT_REFUND_AUTO_APPROVAL_LIMIT_YEN = 100_000

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * The last day (Tokyo) of the guarantee: the contract start is day 1, so a 30-day guarantee from
 * 2026-11-01 ends on 2026-11-30, and 2026-12-01 is the first day outside it.
 */
export function guaranteeEndsOn(contractStart: string, guaranteeDays: number): string {
  return addDays(contractStart, Math.max(guaranteeDays, 1) - 1)
}

export interface Eligibility {
  eligible: boolean
  endsOn: string
  /** Days left including today (0 once it has ended). */
  daysLeft: number
}

/** Whether a refund may be requested at `now`: the Tokyo date of `now` is on or before the last day. */
export function refundEligibility(contractStart: string, guaranteeDays: number, now: Date): Eligibility {
  const endsOn = guaranteeEndsOn(contractStart, guaranteeDays)
  const today = periodKey(now, 'day')
  const daysLeft = Math.max(0, Math.round((Date.parse(endsOn) - Date.parse(today)) / 86_400_000) + 1)
  return { eligible: today <= endsOn && today >= contractStart, endsOn, daysLeft }
}

export interface PaidAmount {
  /** What the invoice's payment brought in, tax included. */
  paid: number
  /** What has already gone back (Stripe refunds, earlier credit notes). */
  returned: number
}

/** A full refund returns everything the tenant has paid and not yet had back (tax included). */
export function fullRefundAmount(payments: PaidAmount[]): number {
  return payments.reduce((sum, p) => sum + Math.max(0, p.paid - p.returned), 0)
}

export interface AutoApprovalInput {
  type: RefundRequestTypeName
  eligible: boolean
  amountYen: number
  earlierRefunds: number
  limitYen?: number
}

/** DOMAIN.md: only a full refund, inside the period, at most the limit, for a first-time refunder. */
export function autoApproves(input: AutoApprovalInput): boolean {
  const limit = input.limitYen ?? DEFAULT_REFUND_AUTO_APPROVAL_LIMIT_YEN
  return (
    input.type === 'full_refund' &&
    input.eligible &&
    input.amountYen > 0 &&
    input.amountYen <= limit &&
    input.earlierRefunds === 0
  )
}

/**
 * How a partial return (an ROI compensation, fee before tax) is spread over paid invoices, newest
 * first, never more than each has left before tax. Returns the taxable yen per invoice.
 */
export function spreadCompensation(
  amountYen: number,
  invoices: { id: string; taxableLeft: number }[],
): { id: string; taxable: number }[] {
  let rest = amountYen
  const out: { id: string; taxable: number }[] = []
  for (const inv of invoices) {
    if (rest <= 0) break
    const take = Math.min(rest, inv.taxableLeft)
    if (take > 0) out.push({ id: inv.id, taxable: take })
    rest -= take
  }
  if (rest > 0) throw new RangeError(`Compensation exceeds what was paid by ¥${rest}`)
  return out
}

/** A Tokyo date the way each language writes it: 2026年11月30日 / 30 November 2026. */
export function writtenDate(date: string, lang: 'ja' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  if (lang === 'ja') return `${y}年${m}月${d}日`
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
  return `${d} ${month} ${y}`
}

export type RefundStepName =
  | 'requested'
  | 'auto_approved'
  | 'queued'
  | 'approved'
  | 'rejected'
  | 'refunded'
  | 'credit_note_issued'
  | 'cancellation_scheduled'

export interface RefundStep {
  step: RefundStepName
  at: string | null
  detail?: string | null
}

/** The steps a hotel sees, in order, from what the request row recorded. */
export function refundSteps(r: {
  createdAt: Date
  autoApproved: boolean
  decidedAt: Date | null
  status: string
  rejectionReason: string | null
  refundedAt: Date | null
  creditNoteNumbers: string[]
  cancelsOn: Date | null
}): RefundStep[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : null)
  const steps: RefundStep[] = [{ step: 'requested', at: iso(r.createdAt) }]
  // Decided in the request's own transaction: at the request's time (decidedAt is the clock read before the insert).
  if (r.autoApproved) steps.push({ step: 'auto_approved', at: iso(r.createdAt) })
  else steps.push({ step: 'queued', at: iso(r.createdAt) })
  if (r.status === 'rejected') steps.push({ step: 'rejected', at: iso(r.decidedAt), detail: r.rejectionReason })
  else if (!r.autoApproved && r.decidedAt) steps.push({ step: 'approved', at: iso(r.decidedAt) })
  if (r.refundedAt) steps.push({ step: 'refunded', at: iso(r.refundedAt) })
  if (r.creditNoteNumbers.length)
    steps.push({ step: 'credit_note_issued', at: iso(r.refundedAt), detail: r.creditNoteNumbers.join(', ') })
  if (r.cancelsOn)
    steps.push({
      step: 'cancellation_scheduled',
      at: iso(r.refundedAt),
      detail: r.cancelsOn.toISOString().slice(0, 10),
    })
  return steps
}
