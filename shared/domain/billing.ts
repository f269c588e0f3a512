// Fees and invoices (DOMAIN.md "Plans"): integer yen, rates in basis points, one floor at the end.

export type BillingCycleName = 'monthly' | 'yearly' | 'biennial'

export const CYCLE_MONTHS: Record<BillingCycleName, number> = { monthly: 1, yearly: 12, biennial: 24 }
export const CYCLE_DISCOUNT_BPS: Record<BillingCycleName, number> = { monthly: 0, yearly: 1_000, biennial: 2_000 }
/** Referral discounts add up, but never past 30%. */
export const MAX_REFERRAL_DISCOUNT_BPS = 3_000
export const CONSUMPTION_TAX_BPS = 1_000
const BPS = 10_000

export function referralDiscountBps(discounts: number[]): number {
  return Math.min(MAX_REFERRAL_DISCOUNT_BPS, discounts.reduce((sum, d) => sum + d, 0))
}

/** floor(base × (1 − cycle discount) × (1 − referral discounts)): the tenant's monthly fee. */
export function effectiveMonthlyFee(basePrice: number, cycle: BillingCycleName, referralDiscountsBps: number[] = []): number {
  return Math.floor((basePrice * (BPS - CYCLE_DISCOUNT_BPS[cycle]) * (BPS - referralDiscountBps(referralDiscountsBps))) / (BPS * BPS))
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
export function draftInvoice(input: { planName: string; basePrice: number; cycle: BillingCycleName; referralDiscountsBps?: number[]; credits?: { description: string; amount: number }[] }): InvoiceDraft {
  const months = CYCLE_MONTHS[input.cycle]
  const cycleBps = CYCLE_DISCOUNT_BPS[input.cycle]
  const referralBps = referralDiscountBps(input.referralDiscountsBps ?? [])
  const gross = input.basePrice * months
  const afterCycle = Math.floor((gross * (BPS - cycleBps)) / BPS)
  const discounted = Math.floor((gross * (BPS - cycleBps) * (BPS - referralBps)) / (BPS * BPS))
  // Credits (whole yen) come off after the discounts, never below zero.
  const credits = (input.credits ?? []).map((c) => ({ ...c, amount: Math.max(0, c.amount) }))
  const creditTotal = Math.min(discounted, credits.reduce((s, c) => s + c.amount, 0))
  const subtotal = discounted - creditTotal
  // Descriptions are printed on a Japanese invoice (適格請求書).
  const taxRateBps = CONSUMPTION_TAX_BPS
  const lines: InvoiceLineDraft[] = [{ kind: 'plan', description: `${input.planName}（${months}か月分）`, amount: gross, taxRateBps }]
  if (cycleBps) lines.push({ kind: 'cycle_discount', description: `${input.cycle === 'yearly' ? '年払い' : '2年払い'}割引 ${cycleBps / 100}%`, amount: afterCycle - gross, taxRateBps })
  if (referralBps) lines.push({ kind: 'referral_discount', description: `紹介割引 ${referralBps / 100}%`, amount: discounted - afterCycle, taxRateBps })
  let creditLeft = creditTotal
  for (const c of credits) {
    const amount = Math.min(c.amount, creditLeft)
    creditLeft -= amount
    if (amount > 0) lines.push({ kind: 'credit', description: c.description, amount: -amount, taxRateBps })
  }
  const tax = Math.floor((subtotal * CONSUMPTION_TAX_BPS) / BPS)
  return { months, lines, subtotal, tax, total: subtotal + tax }
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
