// ROI and the ROI guarantee (DOMAIN.md, Risk reversal). Integer yen and basis points throughout;
// each amount is floored once, at the end. No Prisma, no clock: `today` is always an argument.
import { addMonths } from './billing.ts'
import { attributableFees } from './referrals.ts'

const BPS = 10_000

export interface RoiInputs {
  /** AI-handled conversations in the period (chat + voice). */
  conversations: number
  /** Conversations on days that reported their own minutes saved (they use those minutes instead). */
  conversationsWithReportedMinutes?: number
  /** Staff minutes the concierge reported it replaced, on the days it knew them. */
  reportedMinutes?: number
  /** The hotel's setting: staff minutes one conversation replaces (default 6). */
  minutesPerConversation: number
  /** The hotel's setting: staff cost per hour in yen (default ¥1,800). */
  staffHourlyCost: number
  /** Upsell revenue attributed to the AI, yen. */
  upsellRevenue: number
  /** Fees paid for the period, yen before tax. */
  feesPaid: number
}

export interface RoiResult {
  staffMinutesSaved: number
  costSavings: number
  revenueIncrease: number
  feesPaid: number
  /** floor((savings + revenue − fees) / fees) in basis points; null when no fee was paid. */
  roiBps: number | null
}

/** Staff minutes saved: reported minutes where known, conversations × the setting elsewhere. */
export function staffMinutesSaved(i: RoiInputs): number {
  const estimated = Math.max(0, i.conversations - (i.conversationsWithReportedMinutes ?? 0))
  return estimated * i.minutesPerConversation + (i.reportedMinutes ?? 0)
}

/**
 * ROI = (cost savings + revenue increase − fees paid) / fees paid, where cost savings = staff
 * minutes saved × hourly cost / 60. Kept as sixtieths of a yen until the one floor at the end.
 */
export function roi(i: RoiInputs): RoiResult {
  const minutes = staffMinutesSaved(i)
  const savings60 = minutes * i.staffHourlyCost // yen × 60
  const gain60 = savings60 + 60 * (i.upsellRevenue - i.feesPaid)
  return {
    staffMinutesSaved: minutes,
    costSavings: Math.floor(savings60 / 60),
    revenueIncrease: i.upsellRevenue,
    feesPaid: i.feesPaid,
    roiBps: i.feesPaid > 0 ? Math.floor((gain60 * BPS) / (60 * i.feesPaid)) : null,
  }
}

/**
 * The compensation when the 6-month ROI is below the guarantee: the fee reduction x that lifts ROI
 * to the guarantee G, (S + R − (F − x)) / (F − x) = G ⇒ x = F − (S + R) / (1 + G), floored, capped at
 * the fees paid; 0 when ROI meets the guarantee.
 */
export function compensationAmount(i: RoiInputs, guaranteedRoiBps: number): number {
  if (i.feesPaid <= 0) return 0
  const value60 = staffMinutesSaved(i) * i.staffHourlyCost + 60 * i.upsellRevenue // (S + R) × 60
  const den = 60 * (BPS + guaranteedRoiBps)
  const x = Math.floor((i.feesPaid * den - value60 * BPS) / den)
  return Math.min(i.feesPaid, Math.max(0, x))
}

/** Tokyo business date (YYYY-MM-DD) of an instant. */
export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
}

export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The Monday (YYYY-MM-DD) of the Monday–Sunday week a business date falls in. */
export function weekStartOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDaysTo(date, -((dow + 6) % 7))
}

/**
 * What the weekly roi job measures at `now`: the last complete Tokyo day and the week it belongs
 * to. Sunday 02:00 Tokyo measures up to Saturday, in the week that began the Monday before.
 */
export function roiWeek(now: Date): { lastDay: string; weekStart: string } {
  const lastDay = addDaysTo(tokyoDate(now), -1)
  return { lastDay, weekStart: weekStartOf(lastDay) }
}

/** The ROI guarantee's window: the first 6 months from the contract start, [start, end] inclusive. */
export function guaranteeWindow(contractStart: string): { start: string; end: string } {
  return { start: contractStart, end: addDaysTo(addMonths(contractStart, 6), -1) }
}

/**
 * The period a measurement on `lastDay` covers for a hotel, or null when the hotel is not measured:
 * not started yet, or its 6 months were already judged in an earlier week. `complete` marks the
 * measurement that covers the whole window (the one the guarantee is judged on).
 */
export function measurementPeriod(
  contractStart: string,
  lastDay: string,
): { start: string; end: string; complete: boolean } | null {
  const window = guaranteeWindow(contractStart)
  if (lastDay < window.start) return null
  // Weekly runs are 7 days apart: exactly one has its last day in [end, end + 6], the complete one.
  if (lastDay > addDaysTo(window.end, 6)) return null
  const end = lastDay < window.end ? lastDay : window.end
  return { start: window.start, end, complete: end === window.end }
}

/**
 * Fees paid for the billed months that began inside [start, end]: each paid invoice's amount before
 * tax spread evenly over its months (the remainder on the last), as commissions spread it; month i
 * of an invoice begins i months after its period start.
 */
export function feesPaidInPeriod(
  invoices: readonly { subtotal: number; periodStart: string; months: number }[],
  start: string,
  end: string,
): number {
  let total = 0
  for (const inv of invoices)
    attributableFees(inv.subtotal, inv.periodStart, inv.months).forEach((m, i) => {
      const begins = addMonths(inv.periodStart, i)
      if (begins >= start && begins <= end) total += m.amount
    })
  return total
}
