// Fees and invoices (DOMAIN.md "Plans"): integer yen, rates in basis points, one floor at the end.
// The numbers (cycle discounts, the 30% cap, the tax rate) are business settings: callers pass the
// rules in force (server/services/business-rules.ts); the constants below are DOMAIN.md's defaults.
import { DEFAULT_BUSINESS_RULES, type BusinessRules } from './business-rules.ts'

export type BillingCycleName = 'monthly' | 'yearly' | 'biennial'

export const CYCLE_MONTHS: Record<BillingCycleName, number> = { monthly: 1, yearly: 12, biennial: 24 }
export const CYCLE_DISCOUNT_BPS: Record<BillingCycleName, number> = DEFAULT_BUSINESS_RULES.cycleDiscountBps
/** Referral discounts add up, but never past 30%. */
export const MAX_REFERRAL_DISCOUNT_BPS = DEFAULT_BUSINESS_RULES.referralDiscountCapBps
export const CONSUMPTION_TAX_BPS = DEFAULT_BUSINESS_RULES.consumptionTaxBps
const BPS = 10_000

export type FeeRules = Pick<BusinessRules, 'cycleDiscountBps' | 'referralDiscountCapBps'>
export type InvoiceRules = FeeRules & Pick<BusinessRules, 'consumptionTaxBps'>

export function referralDiscountBps(discounts: number[], capBps: number = MAX_REFERRAL_DISCOUNT_BPS): number {
  return Math.min(
    capBps,
    discounts.reduce((sum, d) => sum + d, 0),
  )
}

/** floor(base × (1 − cycle discount) × (1 − referral discounts)): the tenant's monthly fee. */
export function effectiveMonthlyFee(
  basePrice: number,
  cycle: BillingCycleName,
  referralDiscountsBps: number[] = [],
  rules: FeeRules = DEFAULT_BUSINESS_RULES,
): number {
  return Math.floor(
    (basePrice *
      (BPS - rules.cycleDiscountBps[cycle]) *
      (BPS - referralDiscountBps(referralDiscountsBps, rules.referralDiscountCapBps))) /
      (BPS * BPS),
  )
}

export interface InvoiceLineDraft {
  kind: 'plan' | 'cycle_discount' | 'referral_discount' | 'credit'
  description: string
  amount: number
  /** The consumption tax rate the line is subject to (every line today: 10%). */
  taxRateBps: number
}

export interface InvoiceDraft {
  months: number
  lines: InvoiceLineDraft[]
  subtotal: number
  tax: number
  total: number
}

/**
 * One invoice for one billing period of the cycle. The subtotal is floored once, from the exact
 * product; the discount lines are the differences, so the lines always add up to the subtotal.
 */
export function draftInvoice(input: {
  planName: string
  basePrice: number
  cycle: BillingCycleName
  referralDiscountsBps?: number[]
  credits?: { description: string; amount: number }[]
  rules?: InvoiceRules
}): InvoiceDraft {
  const rules = input.rules ?? DEFAULT_BUSINESS_RULES
  const months = CYCLE_MONTHS[input.cycle]
  const cycleBps = rules.cycleDiscountBps[input.cycle]
  const referralBps = referralDiscountBps(input.referralDiscountsBps ?? [], rules.referralDiscountCapBps)
  const gross = input.basePrice * months
  const afterCycle = Math.floor((gross * (BPS - cycleBps)) / BPS)
  const discounted = Math.floor((gross * (BPS - cycleBps) * (BPS - referralBps)) / (BPS * BPS))
  // Credits (whole yen) come off after the discounts, never below zero.
  const credits = (input.credits ?? []).map((c) => ({ ...c, amount: Math.max(0, c.amount) }))
  const creditTotal = Math.min(
    discounted,
    credits.reduce((s, c) => s + c.amount, 0),
  )
  const subtotal = discounted - creditTotal
  // Descriptions are printed on a Japanese invoice (適格請求書).
  const taxRateBps = rules.consumptionTaxBps
  const lines: InvoiceLineDraft[] = [
    { kind: 'plan', description: `${input.planName}（${months}か月分）`, amount: gross, taxRateBps },
  ]
  if (cycleBps)
    lines.push({
      kind: 'cycle_discount',
      description: `${input.cycle === 'yearly' ? '年払い' : '2年払い'}割引 ${cycleBps / 100}%`,
      amount: afterCycle - gross,
      taxRateBps,
    })
  if (referralBps)
    lines.push({
      kind: 'referral_discount',
      description: `紹介割引 ${referralBps / 100}%`,
      amount: discounted - afterCycle,
      taxRateBps,
    })
  let creditLeft = creditTotal
  for (const c of credits) {
    const amount = Math.min(c.amount, creditLeft)
    creditLeft -= amount
    if (amount > 0) lines.push({ kind: 'credit', description: c.description, amount: -amount, taxRateBps })
  }
  const tax = Math.floor((subtotal * rules.consumptionTaxBps) / BPS)
  return { months, lines, subtotal, tax, total: subtotal + tax }
}

export interface OwnDiscount {
  id: string
  discountBps: number
  monthsRemaining: number
  revokedAt?: Date | string | null
}

/**
 * Yearly and biennial cycles give the referrer's own discounts as one credit; it obeys the same cap
 * as monthly discounts, month by month: month i of the credit counts the discounts that would still
 * run then, at most `capBps` together. floor(fee × Σ capped rates) once.
 */
export function cappedOwnDiscountCredit(
  monthlyFee: number,
  discounts: { discountBps: number; monthsRemaining: number }[],
  capBps: number,
): number {
  const longest = Math.max(0, ...discounts.map((d) => d.monthsRemaining))
  let bpsMonths = 0
  for (let i = 1; i <= longest; i++)
    bpsMonths += Math.min(
      capBps,
      discounts.filter((d) => d.monthsRemaining >= i).reduce((s, d) => s + d.discountBps, 0),
    )
  return Math.floor((monthlyFee * bpsMonths) / BPS)
}

/**
 * The referrer's own discounts on the invoice being issued. Revoked ones (their referral was
 * cancelled) give nothing. Monthly: each active one takes its rate off this invoice (capped in
 * draftInvoice) and one of its months. Yearly/biennial: one credit line per discount for all its
 * months at once, the lines together no more than the capped credit.
 */
export function ownDiscountsForInvoice(
  discounts: OwnDiscount[],
  cycle: BillingCycleName,
  monthlyFee: number,
  capBps: number,
) {
  const active = discounts.filter((d) => !d.revokedAt && d.monthsRemaining > 0)
  const remaining: Record<string, number> = {}
  if (cycle === 'monthly') {
    for (const d of active) remaining[d.id] = d.monthsRemaining - 1
    return {
      discountsBps: active.map((d) => d.discountBps),
      credits: [] as { description: string; amount: number }[],
      remaining,
    }
  }
  let left = cappedOwnDiscountCredit(monthlyFee, active, capBps)
  const credits: { description: string; amount: number }[] = []
  for (const d of active) {
    const amount = Math.min(left, Math.floor((monthlyFee * d.discountBps * d.monthsRemaining) / BPS))
    left -= amount
    remaining[d.id] = 0
    if (amount > 0)
      credits.push({
        description: `紹介特典クレジット（${d.discountBps / 100}% × ${d.monthsRemaining}か月分）`,
        amount,
      })
  }
  return { discountsBps: [] as number[], credits, remaining }
}

/** Adds whole calendar months to a business date (YYYY-MM-DD), clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return target.toISOString().slice(0, 10)
}

/** The billing period that starts on `start`: [start, end) with end = start + cycle months. */
export function billingPeriod(start: string, cycle: BillingCycleName): { start: string; end: string } {
  return { start, end: addMonths(start, CYCLE_MONTHS[cycle]) }
}
