// Ranks over time, the referrer's own discount (cap on credits, revocation) and business numbers as
// data: the pure rules, table-tested.
import { describe, expect, it } from 'vitest'
import {
  cappedOwnDiscountCredit,
  draftInvoice,
  effectiveMonthlyFee,
  ownDiscountsForInvoice,
} from '../../shared/domain/billing'
import {
  bpsFromPercent,
  DEFAULT_BUSINESS_RULES,
  percentFromBps,
  rulesAt,
  valueInForce,
  type BusinessSettingRow,
} from '../../shared/domain/business-rules'
import {
  commissionRateBps,
  evaluationEffectiveMonth,
  payout,
  rankInForce,
  type RankChangeEntry,
} from '../../shared/domain/referrals'
import { businessSettingInput } from '../../shared/schemas/business-rules'

describe('rank in force for a month', () => {
  const promotion: RankChangeEntry = {
    fromRank: 'bronze',
    toRank: 'gold',
    effectiveMonth: '2026-05',
    createdAt: '2026-04-01T03:00:00Z',
  }
  const demotion: RankChangeEntry = {
    fromRank: 'gold',
    toRank: 'silver',
    effectiveMonth: '2026-09',
    createdAt: '2026-08-01T03:00:00Z',
  }
  const override: RankChangeEntry = {
    fromRank: 'silver',
    toRank: 'platinum',
    effectiveMonth: '2026-11',
    createdAt: '2026-09-20T05:00:00Z',
  }
  it.each([
    { name: "no history: the agent's rank", current: 'silver', changes: [], month: '2026-03', want: 'silver' },
    {
      name: 'before the promotion takes effect (March invoice paid in April)',
      current: 'gold',
      changes: [promotion],
      month: '2026-03',
      want: 'bronze',
    },
    {
      name: 'the month of the evaluation itself',
      current: 'gold',
      changes: [promotion],
      month: '2026-04',
      want: 'bronze',
    },
    {
      name: 'from the month after the evaluation',
      current: 'gold',
      changes: [promotion],
      month: '2026-05',
      want: 'gold',
    },
    {
      name: 'demotion: the old rank until it takes effect',
      current: 'silver',
      changes: [promotion, demotion],
      month: '2026-08',
      want: 'gold',
    },
    { name: 'demotion in force', current: 'silver', changes: [demotion, promotion], month: '2026-09', want: 'silver' },
    {
      name: 'override before its effective month',
      current: 'platinum',
      changes: [promotion, demotion, override],
      month: '2026-10',
      want: 'silver',
    },
    {
      name: 'override from the month HQ named',
      current: 'platinum',
      changes: [promotion, demotion, override],
      month: '2026-11',
      want: 'platinum',
    },
    {
      name: 'two changes effective the same month: the later decision',
      current: 'diamond',
      changes: [
        promotion,
        { fromRank: 'gold', toRank: 'diamond', effectiveMonth: '2026-05', createdAt: '2026-04-15T00:00:00Z' },
      ],
      month: '2026-05',
      want: 'diamond',
    },
  ] as const)('$name → $want', ({ current, changes, month, want }) => {
    expect(rankInForce(current, [...changes], month)).toBe(want)
  })

  it.each([
    { evaluated: '2026-04', want: '2026-05' },
    { evaluated: '2026-12', want: '2027-01' },
  ])('an evaluation on $evaluated-01 takes effect in $want', ({ evaluated, want }) =>
    expect(evaluationEffectiveMonth(evaluated)).toBe(want),
  )
})

describe('own discount credits obey the same cap as monthly discounts', () => {
  // Yearly Economy: floor(29,800 × 0.9) = ¥26,820 a month; one referral = 6 × 10% = ¥16,092.
  const fee = effectiveMonthlyFee(29_800, 'yearly')
  const d = (n: number, months = 6) =>
    Array.from({ length: n }, () => ({ discountBps: 1_000, monthsRemaining: months }))
  it.each([
    { name: 'one referral', discounts: d(1), want: 16_092 },
    { name: 'three referrals: exactly the cap', discounts: d(3), want: 48_276 },
    { name: 'four referrals (DOMAIN.md): capped at ¥48,276, not ¥64,368', discounts: d(4), want: 48_276 },
    {
      name: 'staggered: 4 × 3 months + 1 × 6 months',
      discounts: [...d(4, 3), ...d(1, 6)],
      want: Math.floor((fee * (3 * 3_000 + 3 * 1_000)) / 10_000),
    },
    { name: 'none', discounts: [], want: 0 },
  ])('$name → ¥$want', ({ discounts, want }) => {
    expect(fee).toBe(26_820)
    expect(cappedOwnDiscountCredit(fee, discounts, 3_000)).toBe(want)
  })

  it('four referrals on a yearly Economy invoice: credit lines add up to the cap', () => {
    const out = ownDiscountsForInvoice(
      Array.from({ length: 4 }, (_, i) => ({ id: `d${i}`, discountBps: 1_000, monthsRemaining: 6 })),
      'yearly',
      fee,
      3_000,
    )
    expect(out.credits.reduce((s, c) => s + c.amount, 0)).toBe(48_276)
    expect(out.remaining).toEqual({ d0: 0, d1: 0, d2: 0, d3: 0 })
    const invoice = draftInvoice({
      planName: 'Leisure Economy',
      basePrice: 29_800,
      cycle: 'yearly',
      credits: out.credits,
    })
    expect(invoice.subtotal).toBe(321_840 - 48_276)
  })

  it('a different cap from the business settings is the one applied', () => {
    expect(cappedOwnDiscountCredit(fee, d(4), 2_000)).toBe(Math.floor((fee * 6 * 2_000) / 10_000))
  })
})

describe("revocation: a cancelled referral's discount gives nothing not yet invoiced", () => {
  const fee = 29_800
  it.each([
    {
      name: 'monthly, active',
      discounts: [{ id: 'a', discountBps: 1_000, monthsRemaining: 4 }],
      cycle: 'monthly',
      bps: [1_000],
      credit: 0,
      remaining: { a: 3 },
    },
    {
      name: 'monthly, revoked',
      discounts: [{ id: 'a', discountBps: 1_000, monthsRemaining: 0, revokedAt: '2026-05-02T00:00:00Z' }],
      cycle: 'monthly',
      bps: [],
      credit: 0,
      remaining: {},
    },
    {
      name: 'monthly, one of two revoked',
      discounts: [
        { id: 'a', discountBps: 1_000, monthsRemaining: 2 },
        { id: 'b', discountBps: 1_000, monthsRemaining: 5, revokedAt: new Date('2026-05-02') },
      ],
      cycle: 'monthly',
      bps: [1_000],
      credit: 0,
      remaining: { a: 1 },
    },
    {
      name: 'yearly credit not yet invoiced, revoked',
      discounts: [{ id: 'a', discountBps: 1_000, monthsRemaining: 6, revokedAt: '2026-05-02T00:00:00Z' }],
      cycle: 'yearly',
      bps: [],
      credit: 0,
      remaining: {},
    },
    {
      name: 'yearly credit, active',
      discounts: [{ id: 'a', discountBps: 1_000, monthsRemaining: 6 }],
      cycle: 'yearly',
      bps: [],
      credit: 17_880,
      remaining: { a: 0 },
    },
  ] as const)('$name', ({ discounts, cycle, bps, credit, remaining }) => {
    const out = ownDiscountsForInvoice([...discounts], cycle, fee, 3_000)
    expect(out.discountsBps).toEqual(bps)
    expect(out.credits.reduce((s, c) => s + c.amount, 0)).toBe(credit)
    expect(out.remaining).toEqual(remaining)
  })
})

describe('business numbers as data', () => {
  const rows: BusinessSettingRow[] = [
    { key: 'consumption_tax_rate', value: 1_000, effectiveFrom: '2000-01-01' },
    { key: 'consumption_tax_rate', value: 1_200, effectiveFrom: '2027-04-01' },
    { key: 'payout_minimum', value: 5_000, effectiveFrom: '2000-01-01' },
    { key: 'payout_minimum', value: 3_000, effectiveFrom: '2027-01-01' },
  ]
  it.each([
    { key: 'consumption_tax_rate', date: '2027-03-31', want: 1_000 },
    { key: 'consumption_tax_rate', date: '2027-04-01', want: 1_200 },
    { key: 'payout_minimum', date: '2026-12-31', want: 5_000 },
    { key: 'payout_minimum', date: '2027-06-01', want: 3_000 },
    { key: 'own_discount_months', date: '2027-06-01', want: 6 }, // no row: DOMAIN.md's default
    { key: 'payout_minimum', date: '1999-12-31', want: 5_000 }, // before the first row: the default
  ] as const)('$key on $date → $want', ({ key, date, want }) => expect(valueInForce(rows, key, date)).toBe(want))

  it("DOMAIN.md's numbers are the defaults", () => {
    expect(DEFAULT_BUSINESS_RULES).toEqual({
      cycleDiscountBps: { monthly: 0, yearly: 1_000, biennial: 2_000 },
      customerCommissionBps: 500,
      referralCommissionMonths: 12,
      ownDiscountBps: 1_000,
      ownDiscountMonths: 6,
      referralDiscountCapBps: 3_000,
      pmsDefaultCommissionBps: 2_000,
      payoutMinimumYen: 5_000,
      consumptionTaxBps: 1_000,
      refundAutoApprovalLimitYen: 100_000,
    })
  })

  it('the rules take the numbers in force as arguments', () => {
    const later = rulesAt(rows, '2027-04-01')
    expect(draftInvoice({ planName: 'P', basePrice: 128_000, cycle: 'monthly', rules: later }).tax).toBe(15_360)
    expect(draftInvoice({ planName: 'P', basePrice: 128_000, cycle: 'monthly' }).tax).toBe(12_800)
    expect(payout(4_000, later)).toMatchObject({ pay: true, amount: 4_000, tax: 480 })
    expect(payout(4_000)).toMatchObject({ pay: false, carried: 4_000 })
    expect(
      effectiveMonthlyFee(29_800, 'yearly', [], {
        ...later,
        cycleDiscountBps: { monthly: 0, yearly: 1_500, biennial: 2_000 },
      }),
    ).toBe(25_330)
    expect(
      commissionRateBps({
        referrerType: 'customer',
        contractMonth: 13,
        rules: { customerCommissionBps: 700, referralCommissionMonths: 18 },
      }),
    ).toBe(700)
  })

  it.each([
    { percent: 10, bps: 1_000 },
    { percent: 12.5, bps: 1_250 },
    { percent: 0.01, bps: 1 },
    { percent: 8.25, bps: 825 },
  ])('$percent% ↔ $bps bps', ({ percent, bps }) => {
    expect(bpsFromPercent(percent)).toBe(bps)
    expect(percentFromBps(bps)).toBe(percent)
  })

  it.each([
    { input: { key: 'consumption_tax_rate', value: 8, effectiveFrom: '2027-04-01' }, ok: true },
    { input: { key: 'consumption_tax_rate', value: 12.5, effectiveFrom: '2027-04-01' }, ok: true },
    { input: { key: 'consumption_tax_rate', value: 60, effectiveFrom: '2027-04-01' }, ok: false }, // above 50%
    // finer than 0.01%
    { input: { key: 'consumption_tax_rate', value: 10.123, effectiveFrom: '2027-04-01' }, ok: false },
    { input: { key: 'referral_discount_cap', value: -1, effectiveFrom: '2027-04-01' }, ok: false },
    { input: { key: 'payout_minimum', value: 3_000, effectiveFrom: '2027-04-01' }, ok: true },
    { input: { key: 'payout_minimum', value: 3_000.5, effectiveFrom: '2027-04-01' }, ok: false },
    { input: { key: 'own_discount_months', value: 0, effectiveFrom: '2027-04-01' }, ok: false },
    { input: { key: 'own_discount_months', value: 6, effectiveFrom: '2027-02-30' }, ok: false },
    { input: { key: 'no_such_number', value: 6, effectiveFrom: '2027-04-01' }, ok: false },
  ])('$input.key = $input.value from $input.effectiveFrom → valid: $ok', ({ input, ok }) => {
    expect(businessSettingInput.safeParse(input).success).toBe(ok)
  })
})
