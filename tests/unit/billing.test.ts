import { describe, expect, it } from 'vitest'
import {
  addMonths,
  billingPeriod,
  draftInvoice,
  effectiveMonthlyFee,
  referralDiscountBps,
} from '../../shared/domain/billing'
import { DEFAULT_PLANS } from '../../shared/domain/catalogue'
import { checkFeature, cheapestPlanWith, roomsLeft } from '../../shared/domain/entitlements'

describe('effectiveMonthlyFee', () => {
  it.each([
    { base: 29_800, cycle: 'monthly', refs: [], want: 29_800 },
    { base: 29_800, cycle: 'yearly', refs: [], want: 26_820 }, // 10% off
    { base: 29_800, cycle: 'biennial', refs: [], want: 23_840 }, // 20% off
    { base: 128_000, cycle: 'monthly', refs: [1_000], want: 115_200 },
    { base: 128_000, cycle: 'yearly', refs: [1_000], want: 103_680 }, // 128000 × 0.9 × 0.9
    { base: 59_800, cycle: 'monthly', refs: [1_000, 1_000, 1_000, 1_000], want: 41_860 }, // capped at 30%
    { base: 29_801, cycle: 'yearly', refs: [1_000], want: 24_138 }, // 24138.81 floors once
    { base: 298_000, cycle: 'biennial', refs: [3_000], want: 166_880 },
  ] as const)('¥$base $cycle with $refs → ¥$want', ({ base, cycle, refs, want }) => {
    expect(effectiveMonthlyFee(base, cycle, [...refs])).toBe(want)
  })

  it('caps stacked referral discounts at 30%', () => {
    expect(referralDiscountBps([1_000, 1_000])).toBe(2_000)
    expect(referralDiscountBps([1_000, 1_000, 1_000, 1_000])).toBe(3_000)
  })
})

describe('draftInvoice', () => {
  it('monthly: one plan line, 10% tax', () => {
    expect(draftInvoice({ planName: 'Leisure Economy', basePrice: 29_800, cycle: 'monthly' })).toEqual({
      months: 1,
      subtotal: 29_800,
      tax: 2_980,
      total: 32_780,
      lines: [{ kind: 'plan', description: 'Leisure Economy（1か月分）', amount: 29_800, taxRateBps: 1_000 }],
    })
  })

  it('yearly with a referral discount: lines add up to the subtotal, floored once', () => {
    const inv = draftInvoice({ planName: 'P', basePrice: 29_801, cycle: 'yearly', referralDiscountsBps: [1_000] })
    expect(inv.lines.map((l) => l.kind)).toEqual(['plan', 'cycle_discount', 'referral_discount'])
    expect(inv.lines[0]!.amount).toBe(357_612)
    expect(inv.subtotal).toBe(Math.floor(357_612 * 0.81)) // 289665.72 → 289665
    expect(inv.lines.reduce((s, l) => s + l.amount, 0)).toBe(inv.subtotal)
    expect(inv.tax).toBe(28_966)
    expect(inv.total).toBe(inv.subtotal + inv.tax)
  })

  it('biennial: 24 months at 20% off', () => {
    const inv = draftInvoice({ planName: 'Enterprise', basePrice: 298_000, cycle: 'biennial' })
    expect(inv).toMatchObject({ months: 24, subtotal: 5_721_600, tax: 572_160, total: 6_293_760 })
  })
})

describe('billing periods (calendar months, business dates)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-23', 12, '2027-11-23'],
    ['2026-03-15', 24, '2028-03-15'],
    ['2026-12-01', 1, '2027-01-01'],
  ] as const)('%s + %i months → %s', (date, months, want) => expect(addMonths(date, months)).toBe(want))

  it('a period is [start, start + cycle)', () =>
    expect(billingPeriod('2026-11-23', 'yearly')).toEqual({ start: '2026-11-23', end: '2027-11-23' }))
})

describe('entitlements of the default catalogue', () => {
  const plans = DEFAULT_PLANS
  const FEATURES = [
    'ai_chat',
    'multilingual_faq',
    'ai_voice',
    'pms_integration',
    'analytics',
    'upsell_engine',
    'premium_support',
    'custom_domain',
    'api_access',
  ]
  const cheapest: Record<string, string> = {
    ai_chat: 'LEISURE_ECONOMY',
    multilingual_faq: 'LEISURE_ECONOMY',
    ai_voice: 'LEISURE_STANDARD',
    pms_integration: 'OMOTENASU_PROFESSIONAL',
    analytics: 'OMOTENASU_PROFESSIONAL',
    upsell_engine: 'OMOTENASU_PROFESSIONAL',
    premium_support: 'OMOTENASU_ENTERPRISE',
    custom_domain: 'OMOTENASU_ENTERPRISE',
    api_access: 'OMOTENASU_ENTERPRISE',
  }
  for (const plan of plans) {
    it.each(FEATURES)(`${plan.planCode}: %s`, (feature) => {
      const check = checkFeature(plan, feature, plans)
      const rank = (code: string) => plans.findIndex((p) => p.planCode === code)
      const included = rank(plan.planCode) >= rank(cheapest[feature]!)
      expect(check.allowed).toBe(included)
      if (!check.allowed) expect(check.requiredPlan?.planCode).toBe(cheapest[feature])
    })
  }

  it('a feature no plan has names no plan', () => expect(cheapestPlanWith('teleportation', plans)).toBeNull())

  it.each([
    [30, 29, 1],
    [30, 30, 0],
    [30, 31, 0],
    [2_000, 0, 2_000],
  ])('limit %i with %i rooms leaves %i', (max, used, left) => expect(roomsLeft({ maxRooms: max }, used)).toBe(left))
})

describe('credits on an invoice', () => {
  it('come off after the discounts, as credit lines, never below zero', () => {
    const inv = draftInvoice({
      planName: 'P',
      basePrice: 29_800,
      cycle: 'yearly',
      credits: [{ description: '紹介特典クレジット', amount: 16_092 }],
    })
    expect(inv.subtotal).toBe(321_840 - 16_092)
    expect(inv.lines.at(-1)).toEqual({
      kind: 'credit',
      description: '紹介特典クレジット',
      amount: -16_092,
      taxRateBps: 1_000,
    })
    expect(inv.lines.reduce((s, l) => s + l.amount, 0)).toBe(inv.subtotal)
    const huge = draftInvoice({
      planName: 'P',
      basePrice: 100,
      cycle: 'monthly',
      credits: [{ description: 'c', amount: 1_000 }],
    })
    expect(huge).toMatchObject({ subtotal: 0, tax: 0, total: 0 })
  })
})
