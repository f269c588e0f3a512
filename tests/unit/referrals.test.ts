import { describe, expect, it } from 'vitest'
import { DEFAULT_RANKS } from '../../shared/domain/catalogue'
import {
  annualSales,
  attributableFees,
  commissionRateBps,
  contractMonth,
  evaluateRank,
  isValidInvoiceRegistrationNumber,
  monthlyCommission,
  normalizeCompanyName,
  payout,
  sameCompanyReason,
  vipStatus,
} from '../../shared/domain/referrals'

const GOLD = DEFAULT_RANKS.find((r) => r.rank === 'gold')!

describe('commission rates by referrer, contract month and rank', () => {
  it.each([
    { type: 'agent', month: 1, want: 3_000 },
    { type: 'agent', month: 12, want: 3_000 },
    { type: 'agent', month: 13, want: 1_500 },
    { type: 'agent', month: 40, want: 1_500 },
    { type: 'customer', month: 1, want: 500 },
    { type: 'customer', month: 12, want: 500 },
    { type: 'customer', month: 13, want: 0 },
    { type: 'pms_vendor', month: 6, want: 2_000 },
    { type: 'pms_vendor', month: 13, want: 0 },
    { type: 'agent', month: 0, want: 0 },
  ] as const)('$type month $month → $want bps', ({ type, month, want }) => {
    expect(
      commissionRateBps({ referrerType: type, contractMonth: month, agentTerms: GOLD, vendorRateBps: 2_000 }),
    ).toBe(want)
  })

  it.each(DEFAULT_RANKS.map((r) => [r.rank, r.firstYearMarginBps, r.continuingMarginBps] as const))(
    '%s: first year %i, continuing %i',
    (rank, first, cont) => {
      const terms = DEFAULT_RANKS.find((r) => r.rank === rank)!
      expect(commissionRateBps({ referrerType: 'agent', contractMonth: 3, agentTerms: terms })).toBe(first)
      expect(commissionRateBps({ referrerType: 'agent', contractMonth: 15, agentTerms: terms })).toBe(cont)
    },
  )

  it.each([
    { billed: 128_000, bps: 3_000, want: 38_400 },
    { billed: 128_000, bps: 1_500, want: 19_200 },
    { billed: 29_801, bps: 3_000, want: 8_940 },
    { billed: 26_820, bps: 500, want: 1_341 },
  ])('¥$billed at $bps bps → ¥$want', ({ billed, bps, want }) => expect(monthlyCommission(billed, bps)).toBe(want))
})

describe('contract months and attributable fees', () => {
  it.each([
    ['2026-04-15', '2026-04', 1],
    ['2026-04-15', '2027-03', 12],
    ['2026-04-15', '2027-04', 13],
    ['2026-12-31', '2027-01', 2],
    ['2026-04-15', '2026-03', 0],
  ] as const)('start %s, month %s → %i', (start, month, want) => expect(contractMonth(start, month)).toBe(want))

  it('spreads a yearly invoice over 12 months, the remainder on the last', () => {
    const fees = attributableFees(321_845, '2026-04-01', 12)
    expect(fees).toHaveLength(12)
    expect(fees[0]).toEqual({ month: '2026-04', amount: 26_820 })
    expect(fees[11]).toEqual({ month: '2027-03', amount: 321_845 - 26_820 * 11 })
    expect(fees.reduce((s, f) => s + f.amount, 0)).toBe(321_845)
  })

  it('a biennial invoice over 24 months; a monthly one is its own month', () => {
    expect(attributableFees(5_721_600, '2026-11-23', 24).at(-1)).toEqual({ month: '2028-10', amount: 238_400 })
    expect(attributableFees(29_800, '2026-11-23', 1)).toEqual([{ month: '2026-11', amount: 29_800 }])
  })

  it('annual sales sum the 12 months ending with the evaluated one', () => {
    const fees = [
      { month: '2025-11', amount: 1 },
      { month: '2025-12', amount: 10 },
      { month: '2026-06', amount: 100 },
      { month: '2026-11', amount: 1_000 },
      { month: '2026-12', amount: 10_000 },
    ]
    expect(annualSales(fees, '2026-11')).toBe(1_110)
  })
})

describe('rank evaluation', () => {
  const ranks = DEFAULT_RANKS
  it.each([
    // promoted two ranks at once
    { rank: 'bronze', below: 0, sales: 12_000_000, want: 'gold', belowAfter: 0, changed: true },
    // met exactly: resets the count
    { rank: 'silver', below: 1, sales: 3_000_000, want: 'silver', belowAfter: 0, changed: false },
    // first month below: kept
    { rank: 'gold', below: 0, sales: 9_999_999, want: 'gold', belowAfter: 1, changed: false },
    // second month below: one rank only
    { rank: 'gold', below: 1, sales: 100, want: 'silver', belowAfter: 0, changed: true },
    { rank: 'bronze', below: 5, sales: 0, want: 'bronze', belowAfter: 0, changed: false }, // nothing below bronze
    { rank: 'diamond', below: 1, sales: 59_000_000, want: 'platinum', belowAfter: 0, changed: true },
  ] as const)('$rank ($below below) with ¥$sales → $want', ({ rank, below, sales, want, belowAfter, changed }) => {
    const result = evaluateRank(rank, below, sales, ranks)
    expect(result.rank).toBe(want)
    expect(result.monthsBelow).toBe(belowAfter)
    expect(Boolean(result.change)).toBe(changed)
    if (result.change) expect(result.change.reason).toMatch(/Annual sales/)
  })
})

describe('VIP tiers', () => {
  it.each([
    { refs: 0, days: 10, vip: false, benefits: [], next: 'priority_support' },
    { refs: 1, days: 10, vip: true, benefits: ['priority_support', 'beta_access'], next: 'free_consultation' },
    {
      refs: 3,
      days: 10,
      vip: true,
      benefits: ['priority_support', 'beta_access', 'free_consultation', 'slack_access'],
      next: 'loyalty_discount',
    },
    { refs: 0, days: 365, vip: true, benefits: ['loyalty_discount'], next: 'priority_support' },
    {
      refs: 4,
      days: 400,
      vip: true,
      benefits: ['priority_support', 'beta_access', 'free_consultation', 'slack_access', 'loyalty_discount'],
      next: null,
    },
  ])('$refs referrals, $days days', ({ refs, days, vip, benefits, next }) => {
    const s = vipStatus(refs, days)
    expect(s.vip).toBe(vip)
    expect(s.benefits).toEqual(benefits)
    expect(s.nextTier?.benefit ?? null).toBe(next)
  })
})

describe('payouts', () => {
  it.each([
    { payable: 4_999, pay: false, tax: 0, total: 0, carried: 4_999 },
    { payable: 5_000, pay: true, tax: 500, total: 5_500, carried: 0 },
    { payable: 38_401, pay: true, tax: 3_840, total: 42_241, carried: 0 },
  ])('¥$payable → pay $pay, tax ¥$tax', ({ payable, ...want }) => expect(payout(payable)).toMatchObject(want))

  it.each([
    ['T7000012050002', true], // the National Tax Agency's own corporate number
    ['T1000012050002', false], // wrong check digit
    ['8040001054318', false],
    ['T80400010543', false],
    ['T80400010543181', false],
    ['t8040001054318', false],
  ] as const)('%s valid: %s', (value, want) => expect(isValidInvoiceRegistrationNumber(value)).toBe(want))
})

describe('same company and self-referral', () => {
  it.each([
    ['株式会社 星野リゾート', '(株)星野リゾート'],
    ['㈱星野リゾート', '星野リゾート株式会社'],
    ['Kyoto Hotels Co., Ltd.', 'kyoto hotels'],
    ['ＡＢＣホテルズ', 'abcホテルズ'],
  ])('%s ≡ %s', (a, b) => expect(normalizeCompanyName(a)).toBe(normalizeCompanyName(b)))
  it('keeps different companies apart', () =>
    expect(normalizeCompanyName('星野リゾート')).not.toBe(normalizeCompanyName('星野観光')))

  const agent = { companyName: ['株式会社 京都ホテルサービス'], emails: ['sales@kyoto-hs.co.jp'] }
  it.each([
    {
      name: 'same operating company',
      signup: { operatingCompany: '京都ホテルサービス（株）'.replace('（株）', '(株)'), email: 'owner@other.example' },
      refused: /same operating company/,
    },
    {
      name: 'same corporate mail domain',
      signup: { email: 'gm@kyoto-hs.co.jp' },
      refused: /same email domain \(kyoto-hs\.co\.jp\)/,
    },
    { name: 'a public mail domain says nothing', signup: { email: 'someone@gmail.com' }, refused: null },
    {
      name: 'another company',
      signup: { operatingCompany: '大阪ベイホテル株式会社', email: 'owner@osaka-bay.jp' },
      refused: null,
    },
  ])('agent code: $name', ({ signup, refused }) => {
    const reason = sameCompanyReason('agent', { companyNames: agent.companyName, emails: agent.emails }, signup)
    if (refused) expect(reason).toMatch(refused)
    else expect(reason).toBeNull()
  })
  it('a customer code names the self-referral; a vendor never operates hotels', () => {
    expect(
      sameCompanyReason(
        'customer',
        { companyNames: ['湖畔ホテルズ'], emails: [] },
        { operatingCompany: '湖畔ホテルズ株式会社', email: 'a@b.example' },
      ),
    ).toMatch(/cannot refer itself/)
    expect(
      sameCompanyReason(
        'pms_vendor',
        { companyNames: [], emails: [] },
        { operatingCompany: 'x', email: 'a@b.example' },
      ),
    ).toBeNull()
  })
})
