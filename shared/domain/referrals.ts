// The 3-way referral engine's rules (DOMAIN.md "Referrals", "Agents and ranks", "VIP customers"):
// pure functions of plain data, integer yen and basis points, one floor at the end.
import type { AgentRankName } from './catalogue'
import { DEFAULT_BUSINESS_RULES, type BusinessRules } from './business-rules.ts'

export type ReferrerTypeName = 'agent' | 'customer' | 'pms_vendor'

// DOMAIN.md's defaults; the numbers in force come from business_settings (business-rules.ts).
export const CUSTOMER_COMMISSION_BPS = DEFAULT_BUSINESS_RULES.customerCommissionBps
export const REFERRAL_COMMISSION_MONTHS = DEFAULT_BUSINESS_RULES.referralCommissionMonths
export const MINIMUM_PAYOUT = DEFAULT_BUSINESS_RULES.payoutMinimumYen
export const PAYOUT_TAX_BPS = DEFAULT_BUSINESS_RULES.consumptionTaxBps

/** 'YYYY-MM' of a business date 'YYYY-MM-DD'. */
export const monthOf = (date: string) => date.slice(0, 7)

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return y * 12 + (m - 1)
}

function monthFromIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function addMonthsToMonth(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n)
}

/** Contract month 1 is the calendar month in which the contract starts. */
export function contractMonth(contractStart: string, month: string): number {
  return monthIndex(month) - monthIndex(monthOf(contractStart)) + 1
}

/**
 * A paid invoice's amount before tax, spread evenly over the months it covers, whole yen each,
 * the remainder on the last month.
 */
export function attributableFees(
  subtotal: number,
  periodStart: string,
  months: number,
): { month: string; amount: number }[] {
  const each = Math.floor(subtotal / months)
  const first = monthOf(periodStart)
  return Array.from({ length: months }, (_, i) => ({
    month: addMonthsToMonth(first, i),
    amount: i === months - 1 ? subtotal - each * (months - 1) : each,
  }))
}

export interface RankTerms {
  rank: AgentRankName
  firstYearMarginBps: number
  continuingMarginBps: number
  annualSalesRequirement: number
}

/** The commission rate for one billed month of one referral; 0 when nothing is owed. */
export function commissionRateBps(input: {
  referrerType: ReferrerTypeName
  contractMonth: number
  agentTerms?: RankTerms
  vendorRateBps?: number
  rules?: Pick<BusinessRules, 'customerCommissionBps' | 'referralCommissionMonths'>
}): number {
  if (input.contractMonth < 1) return 0
  const rules = input.rules ?? DEFAULT_BUSINESS_RULES
  switch (input.referrerType) {
    case 'agent':
      if (!input.agentTerms) return 0
      return input.contractMonth <= 12 ? input.agentTerms.firstYearMarginBps : input.agentTerms.continuingMarginBps
    case 'customer':
      return input.contractMonth <= rules.referralCommissionMonths ? rules.customerCommissionBps : 0
    case 'pms_vendor':
      return input.contractMonth <= rules.referralCommissionMonths ? (input.vendorRateBps ?? 0) : 0
  }
}

/** Commission for a month = floor(fee attributable × rate). */
export function monthlyCommission(feeYen: number, rateBps: number): number {
  return Math.floor((feeYen * rateBps) / 10_000)
}

/** Sum of the fees attributable to the 12 months ending with `asOfMonth` (inclusive). */
export function annualSales(fees: { month: string; amount: number }[], asOfMonth: string): number {
  const end = monthIndex(asOfMonth)
  return fees
    .filter((f) => monthIndex(f.month) > end - 12 && monthIndex(f.month) <= end)
    .reduce((s, f) => s + f.amount, 0)
}

// ---------------------------------------------------------------- ranks over time

export interface RankChangeEntry {
  fromRank: AgentRankName
  toRank: AgentRankName
  effectiveMonth: string
  createdAt: Date | string
}

/** An evaluation made in `evaluationMonth` (on its 1st) takes effect from the month after. */
export const evaluationEffectiveMonth = (evaluationMonth: string) => addMonthsToMonth(evaluationMonth, 1)

const byEffect = (a: RankChangeEntry, b: RankChangeEntry) =>
  a.effectiveMonth === b.effectiveMonth
    ? new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()
    : a.effectiveMonth < b.effectiveMonth
      ? -1
      : 1

/**
 * The rank in force in `month` ('YYYY-MM'): the new rank of the latest change effective on or before
 * it (the later decision wins within a month); before any change takes effect, the rank the first
 * change started from; with no history, the agent's rank. The commission SQL does the same join.
 */
export function rankInForce(currentRank: AgentRankName, changes: RankChangeEntry[], month: string): AgentRankName {
  const ordered = [...changes].sort(byEffect)
  const inForce = ordered.filter((c) => c.effectiveMonth <= month).at(-1)
  return inForce ? inForce.toRank : (ordered[0]?.fromRank ?? currentRank)
}

export interface RankEvaluation {
  rank: AgentRankName
  monthsBelow: number
  change: null | { from: AgentRankName; to: AgentRankName; reason: string }
}

/**
 * Monthly rank evaluation: promote to the highest rank whose requirement is met; demote at most one
 * rank, and only after two consecutive evaluations below the current rank's requirement.
 */
export function evaluateRank(
  current: AgentRankName,
  monthsBelow: number,
  sales: number,
  ranks: RankTerms[],
): RankEvaluation {
  const ordered = [...ranks].sort((a, b) => a.annualSalesRequirement - b.annualSalesRequirement)
  const index = ordered.findIndex((r) => r.rank === current)
  const earned = ordered.reduce((best, r, i) => (sales >= r.annualSalesRequirement ? i : best), 0)
  if (earned > index) {
    const to = ordered[earned]!.rank
    return {
      rank: to,
      monthsBelow: 0,
      change: {
        from: current,
        to,
        reason:
          `Annual sales ¥${sales.toLocaleString('en-US')} meet the ${to} requirement ` +
          `(¥${ordered[earned]!.annualSalesRequirement.toLocaleString('en-US')}).`,
      },
    }
  }
  if (sales >= ordered[index]!.annualSalesRequirement) return { rank: current, monthsBelow: 0, change: null }
  const below = monthsBelow + 1
  if (below < 2 || index === 0) return { rank: current, monthsBelow: below, change: null }
  const to = ordered[index - 1]!.rank
  return {
    rank: to,
    monthsBelow: 0,
    change: {
      from: current,
      to,
      reason:
        `Annual sales ¥${sales.toLocaleString('en-US')} were below the ${current} requirement ` +
        `(¥${ordered[index]!.annualSalesRequirement.toLocaleString('en-US')}) for two consecutive evaluations.`,
    },
  }
}

export interface VipStatus {
  vip: boolean
  benefits: string[]
  nextTier: null | { benefit: string; requirement: string; moreReferrals?: number; moreDays?: number }
}

/** VIP: at least one converted referral, or an account at least 365 days old. */
export function vipStatus(convertedReferrals: number, accountAgeDays: number): VipStatus {
  const benefits: string[] = []
  if (convertedReferrals >= 1) benefits.push('priority_support', 'beta_access')
  if (convertedReferrals >= 3) benefits.push('free_consultation', 'slack_access')
  if (accountAgeDays >= 365) benefits.push('loyalty_discount')
  const nextTier =
    convertedReferrals < 1
      ? { benefit: 'priority_support', requirement: '1 converted referral', moreReferrals: 1 }
      : convertedReferrals < 3
        ? {
            benefit: 'free_consultation',
            requirement: `${3 - convertedReferrals} more converted referral(s)`,
            moreReferrals: 3 - convertedReferrals,
          }
        : accountAgeDays < 365
          ? {
              benefit: 'loyalty_discount',
              requirement: `${365 - accountAgeDays} more day(s) as a customer`,
              moreDays: 365 - accountAgeDays,
            }
          : null
  return { vip: benefits.length > 0, benefits, nextTier }
}

export interface PayoutDecision {
  pay: boolean
  amount: number
  tax: number
  total: number
  carried: number
}

/** A monthly payout: below ¥5,000 it is carried to next month; consumption tax 10% on top. */
export function payout(
  payableYen: number,
  rules: Pick<BusinessRules, 'payoutMinimumYen' | 'consumptionTaxBps'> = DEFAULT_BUSINESS_RULES,
): PayoutDecision {
  if (payableYen < rules.payoutMinimumYen) return { pay: false, amount: 0, tax: 0, total: 0, carried: payableYen }
  const tax = Math.floor((payableYen * rules.consumptionTaxBps) / 10_000)
  return { pay: true, amount: payableYen, tax, total: payableYen + tax, carried: 0 }
}

/** A qualified-invoice registration number: T + 13 digits whose first digit checks the other 12. */
export function isValidInvoiceRegistrationNumber(value: string): boolean {
  const match = /^T(\d)(\d{12})$/.exec(value)
  if (!match) return false
  const digits = match[2]!.split('').map(Number).reverse()
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 2), 0)
  return Number(match[1]) === 9 - (sum % 9)
}

// ---------------------------------------------------------------- same company, self-referral

/** Free and consumer mail services: a shared domain there says nothing about a shared company. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.co.jp',
  'yahoo.com',
  'ymail.ne.jp',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'live.jp',
  'icloud.com',
  'me.com',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
  'so-net.ne.jp',
])

/**
 * A company name without its legal form, spaces, width or case: 株式会社 星野リゾート ≡ (株)星野リゾート ≡ ﾎｼﾉ… stays
 * distinct.
 */
export function normalizeCompanyName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(
      new RegExp(
        [
          /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|\(株\)|\(有\)|\(同\)|㈱|㈲/.source,
          /\b(co\.?,? ?ltd\.?|inc\.?|corp\.?|corporation|k\.?k\.?|llc|g\.?k\.?)$/.source,
        ].join('|'),
        'g',
      ),
      '',
    )
    .replace(/[\s.,・、。'"“”‘’\-‐－]/g, '')
}

const mailDomain = (email: string) => email.trim().toLowerCase().split('@')[1] ?? ''

export interface ReferrerIdentity {
  companyNames: string[]
  emails: string[]
}
export interface SignupIdentity {
  operatingCompany?: string | null
  email: string
}

/**
 * Why a referral code may not be used by this signup, or null. A referrer cannot earn on a hotel its
 * own company operates (same company name once normalized, or the same non-public mail domain);
 * `self` names the customer case (a hotel referring itself or its sister hotel).
 */
export function sameCompanyReason(
  referrerType: ReferrerTypeName,
  referrer: ReferrerIdentity,
  signup: SignupIdentity,
): string | null {
  const company = signup.operatingCompany ? normalizeCompanyName(signup.operatingCompany) : ''
  const matchesName = company !== '' && referrer.companyNames.some((n) => normalizeCompanyName(n) === company)
  const domain = mailDomain(signup.email)
  const matchesDomain =
    domain !== '' && !PUBLIC_MAIL_DOMAINS.has(domain) && referrer.emails.some((e) => mailDomain(e) === domain)
  if (!matchesName && !matchesDomain) return null
  const why = matchesName ? 'the same operating company' : `the same email domain (${domain})`
  if (referrerType === 'customer') return `A hotel cannot refer itself: this code belongs to a hotel of ${why}.`
  return (
    `This code belongs to a referrer of ${why} as your hotel; a referrer cannot earn on a hotel its own company ` +
    `operates.`
  )
}
