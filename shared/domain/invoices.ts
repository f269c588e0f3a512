// Qualified invoices (適格請求書), credit notes (適格返還請求書) and receipts (領収書): the pure
// rules of what a document carries (DOMAIN.md "Invoices"). No Prisma, no clock: `now` comes in.
import { isValidInvoiceRegistrationNumber } from './referrals.ts'
import { periodKey } from './schedule.ts'

/** The issuer printed on every document (適格請求書発行事業者). */
export interface Seller {
  name: string
  registrationNumber: string
  address: string
}

/** Why the configured seller cannot issue a qualified invoice, or null when it can. */
export type SellerProblem = 'registration_number_missing' | 'registration_number_invalid' | 'name_missing'

export function sellerProblem(config: {
  name?: string | null
  registrationNumber?: string | null
}): SellerProblem | null {
  const number = config.registrationNumber?.trim()
  if (!number) return 'registration_number_missing'
  if (!isValidInvoiceRegistrationNumber(number)) return 'registration_number_invalid'
  if (!config.name?.trim()) return 'name_missing'
  return null
}

/** The issue date of a document issued at `now`: the business date in Asia/Tokyo (YYYY-MM-DD). */
export const issueDate = (now: Date): string => periodKey(now, 'day')

/** One line of the summary per tax rate: 10%対象 ¥X, 消費税 ¥Y. */
export interface TaxRateSummary {
  rateBps: number
  taxable: number
  tax: number
}

/**
 * The subtotal and tax per rate: lines are summed per rate and the tax of each rate is computed
 * once on that sum and floored (the 適格請求書 rule: one rounding per invoice per rate).
 */
export function taxByRate(lines: readonly { amount: number; taxRateBps: number }[]): TaxRateSummary[] {
  const taxable = new Map<number, number>()
  for (const line of lines) taxable.set(line.taxRateBps, (taxable.get(line.taxRateBps) ?? 0) + line.amount)
  return [...taxable.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBps, sum]) => ({ rateBps, taxable: sum, tax: Math.floor((sum * rateBps) / 10_000) }))
}

export const totalsOf = (summary: readonly TaxRateSummary[]) => {
  const subtotal = summary.reduce((s, r) => s + r.taxable, 0)
  const tax = summary.reduce((s, r) => s + r.tax, 0)
  return { subtotal, tax, total: subtotal + tax }
}

/**
 * What a credit note returns per rate: the taxable amounts asked for (the whole invoice when none
 * is given), never more than what is left of the invoice after earlier credit notes; tax floored
 * once per rate. Throws a plain Error naming the rate that is over; the service words it for people.
 */
export function creditNoteAmounts(
  invoice: readonly TaxRateSummary[],
  alreadyReturned: readonly TaxRateSummary[],
  asked?: readonly { rateBps: number; taxable: number }[],
): TaxRateSummary[] {
  const left = new Map(invoice.map((r) => [r.rateBps, r.taxable]))
  for (const r of alreadyReturned) left.set(r.rateBps, (left.get(r.rateBps) ?? 0) - r.taxable)
  const wanted = asked ?? [...left.entries()].map(([rateBps, taxable]) => ({ rateBps, taxable }))
  for (const w of wanted) {
    if (!Number.isInteger(w.taxable) || w.taxable < 0) throw new Error(`credit_amount_invalid:${w.rateBps}`)
    if (w.taxable > (left.get(w.rateBps) ?? 0)) throw new Error(`credit_amount_over:${w.rateBps}`)
  }
  // A full credit returns exactly the invoice's tax for that rate (the same floor of the same sum).
  return taxByRate(wanted.filter((w) => w.taxable > 0).map((w) => ({ amount: w.taxable, taxRateBps: w.rateBps })))
}

/** Document numbers derive from the invoice number, itself unique per tenant. */
export const receiptNumber = (invoiceNumber: string) => `R-${invoiceNumber}`
export const creditNoteNumber = (invoiceNumber: string, sequence: number) =>
  `CN-${invoiceNumber}-${String(sequence).padStart(2, '0')}`

/** 宛名: the operating company when the hotel recorded one (the legal buyer), with the hotel's name. */
export function buyerName(tenant: { name: string; operatingCompany?: string | null }): string {
  const company = tenant.operatingCompany?.trim()
  return company && company !== tenant.name ? `${company}（${tenant.name}）` : tenant.name
}

/** 但し書き of a receipt. */
export const RECEIPT_PROVISO = { ja: 'OmotenasuAI ご利用料として', en: 'for the use of OmotenasuAI' }
