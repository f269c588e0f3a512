// The business numbers of DOMAIN.md as data: each key has rows (value, effective from); the value in
// force on a date is the latest row effective on or before it. Pure: the rows come from
// server/services/business-rules.ts, which reads business_settings; the rules receive the result.
import type { BillingCycleName } from './billing.ts'

/** How a value is stored and shown: bps → percent on screen, yen → ¥, months → か月. */
export type BusinessSettingUnit = 'bps' | 'yen' | 'months'

export interface BusinessSettingDefinition {
  key: BusinessSettingKey
  unit: BusinessSettingUnit
  /** The DOMAIN.md value, seeded by the migration. */
  defaultValue: number
  min: number
  max: number
}

export const BUSINESS_SETTINGS = [
  { key: 'cycle_discount_yearly', unit: 'bps', defaultValue: 1_000, min: 0, max: 5_000 },
  { key: 'cycle_discount_biennial', unit: 'bps', defaultValue: 2_000, min: 0, max: 5_000 },
  { key: 'customer_commission_rate', unit: 'bps', defaultValue: 500, min: 0, max: 5_000 },
  { key: 'referral_commission_months', unit: 'months', defaultValue: 12, min: 1, max: 120 },
  { key: 'own_discount_rate', unit: 'bps', defaultValue: 1_000, min: 0, max: 5_000 },
  { key: 'own_discount_months', unit: 'months', defaultValue: 6, min: 1, max: 24 },
  { key: 'referral_discount_cap', unit: 'bps', defaultValue: 3_000, min: 0, max: 10_000 },
  { key: 'pms_default_commission_rate', unit: 'bps', defaultValue: 2_000, min: 0, max: 5_000 },
  { key: 'payout_minimum', unit: 'yen', defaultValue: 5_000, min: 0, max: 1_000_000 },
  { key: 'consumption_tax_rate', unit: 'bps', defaultValue: 1_000, min: 0, max: 5_000 },
  { key: 'refund_auto_approval_limit', unit: 'yen', defaultValue: 100_000, min: 0, max: 10_000_000 },
] as const satisfies readonly {
  key: string
  unit: BusinessSettingUnit
  defaultValue: number
  min: number
  max: number
}[]

export type BusinessSettingKey = (typeof BUSINESS_SETTINGS)[number]['key']
export const BUSINESS_SETTING_KEYS = BUSINESS_SETTINGS.map((s) => s.key) as [
  BusinessSettingKey,
  ...BusinessSettingKey[],
]

/** The typed numbers every rule takes as an argument. */
export interface BusinessRules {
  cycleDiscountBps: Record<BillingCycleName, number>
  customerCommissionBps: number
  referralCommissionMonths: number
  ownDiscountBps: number
  ownDiscountMonths: number
  referralDiscountCapBps: number
  pmsDefaultCommissionBps: number
  payoutMinimumYen: number
  consumptionTaxBps: number
  refundAutoApprovalLimitYen: number
}

export interface BusinessSettingRow {
  key: string
  value: number
  effectiveFrom: string
}

/** The value of `key` in force on `date` ('YYYY-MM-DD'): the latest row effective on or before it. */
export function valueInForce(rows: BusinessSettingRow[], key: BusinessSettingKey, date: string): number {
  let best: BusinessSettingRow | undefined
  for (const r of rows)
    if (r.key === key && r.effectiveFrom <= date && (!best || r.effectiveFrom > best.effectiveFrom)) best = r
  return best ? best.value : BUSINESS_SETTINGS.find((s) => s.key === key)!.defaultValue
}

/** Every number in force on `date`; a key with no row yet falls back to DOMAIN.md's value. */
export function rulesAt(rows: BusinessSettingRow[], date: string): BusinessRules {
  const v = (key: BusinessSettingKey) => valueInForce(rows, key, date)
  return {
    cycleDiscountBps: { monthly: 0, yearly: v('cycle_discount_yearly'), biennial: v('cycle_discount_biennial') },
    customerCommissionBps: v('customer_commission_rate'),
    referralCommissionMonths: v('referral_commission_months'),
    ownDiscountBps: v('own_discount_rate'),
    ownDiscountMonths: v('own_discount_months'),
    referralDiscountCapBps: v('referral_discount_cap'),
    pmsDefaultCommissionBps: v('pms_default_commission_rate'),
    payoutMinimumYen: v('payout_minimum'),
    consumptionTaxBps: v('consumption_tax_rate'),
    refundAutoApprovalLimitYen: v('refund_auto_approval_limit'),
  }
}

/** DOMAIN.md's numbers: what the migration seeds, and what callers without the database use. */
export const DEFAULT_BUSINESS_RULES: BusinessRules = rulesAt([], '1970-01-01')

/** bps ↔ percent for screens (integer bps; 12.5% = 1250). */
export const percentFromBps = (bps: number) => bps / 100
export const bpsFromPercent = (percent: number) => Math.round(percent * 100)
