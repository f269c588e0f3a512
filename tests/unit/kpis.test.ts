// The executive KPIs, hand-computed over six months of five hotels: a monthly hotel that upgrades,
// a biennial prepayment (MRR = amount / 24), a downgrade, a churn then a reactivation, and a refund.
import { describe, expect, it } from 'vitest'
import {
  kpiReport,
  movementOf,
  npsScore,
  revenueItems,
  toCsv,
  type BillingPeriod,
  type HotelFacts,
} from '../../shared/domain/kpis'

const monthly = (tenantId: string, months: string[], yen: number): BillingPeriod[] =>
  months.map((startMonth) => ({ tenantId, startMonth, months: 1, recurringYen: yen }))

const periods: BillingPeriod[] = [
  // H1 direct: Economy, upgraded to Standard in March (expansion +30,000)
  ...monthly('H1', ['2026-01', '2026-02'], 29_800),
  ...monthly('H1', ['2026-03', '2026-04', '2026-05', '2026-06'], 59_800),
  // H2 agent: Professional biennial, 128,000 × 0.8 × 24 = 2,457,600 prepaid → MRR 102,400
  { tenantId: 'H2', startMonth: '2026-02', months: 24, recurringYen: 2_457_600 },
  // H3 customer referral: Standard, downgraded to Economy in April (contraction −30,000)
  ...monthly('H3', ['2026-01', '2026-02', '2026-03'], 59_800),
  ...monthly('H3', ['2026-04', '2026-05', '2026-06'], 29_800),
  // H4 PMS vendor: lapses in March (churn), back in May (reactivation)
  ...monthly('H4', ['2026-01', '2026-02', '2026-05', '2026-06'], 29_800),
  // H5 direct: paid January, refunded and cancelled in February
  ...monthly('H5', ['2026-01'], 29_800),
]
const hotels: HotelFacts[] = [
  { tenantId: 'H1', channel: 'direct', cancelledMonth: null, firstPaidMonth: '2026-01' },
  { tenantId: 'H2', channel: 'agent', cancelledMonth: null, firstPaidMonth: '2026-02' },
  { tenantId: 'H3', channel: 'customer', cancelledMonth: null, firstPaidMonth: '2026-01' },
  { tenantId: 'H4', channel: 'pms_vendor', cancelledMonth: null, firstPaidMonth: '2026-01' },
  { tenantId: 'H5', channel: 'direct', cancelledMonth: '2026-02', firstPaidMonth: '2026-01' },
]
const revenue = revenueItems(
  periods.map((p) => ({ tenantId: p.tenantId, startMonth: p.startMonth, months: p.months, subtotal: p.recurringYen })),
  [{ tenantId: 'H5', month: '2026-02', subtotal: 29_800 }],
)
const report = kpiReport({
  from: '2026-01',
  to: '2026-06',
  periods,
  hotels,
  revenue,
  spend: [
    { channel: 'agent', month: '2026-01', yen: 100_000 },
    { channel: 'direct', month: '2026-01', yen: 50_000 },
  ],
  commissionsPaid: [{ month: '2026-02', yen: 20_480 }],
  nps: [
    ...[10, 9, 8, 6, 3].map((score) => ({ month: '2026-01', score })),
    ...[10, 10, 7].map((score) => ({ month: '2026-02', score })),
  ],
})
const month = (m: string) => report.months.find((r) => r.month === m)!

describe('MRR and its movements', () => {
  it.each([
    { m: '2026-01', mrr: 149_200, mv: { new: 149_200, expansion: 0, contraction: 0, churned: 0, reactivation: 0 } },
    {
      m: '2026-02',
      mrr: 221_800,
      mv: { new: 102_400, expansion: 0, contraction: 0, churned: -29_800, reactivation: 0 },
    },
    {
      m: '2026-03',
      mrr: 222_000,
      mv: { new: 0, expansion: 30_000, contraction: 0, churned: -29_800, reactivation: 0 },
    },
    { m: '2026-04', mrr: 192_000, mv: { new: 0, expansion: 0, contraction: -30_000, churned: 0, reactivation: 0 } },
    { m: '2026-05', mrr: 221_800, mv: { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 29_800 } },
    { m: '2026-06', mrr: 221_800, mv: { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 } },
  ])('$m: MRR ¥$mrr', ({ m, mrr, mv }) => {
    const row = month(m)
    expect(row.mrr).toBe(mrr)
    expect(row.arr).toBe(mrr * 12)
    expect(row.movements).toEqual(mv)
    expect(Object.values(row.movements).reduce((a, b) => a + b, 0)).toBe(row.mrr - row.startMrr)
  })

  it.each([
    { prev: 0, cur: 100, before: false, want: { new: 100 } },
    { prev: 0, cur: 100, before: true, want: { reactivation: 100 } },
    { prev: 100, cur: 0, before: true, want: { churned: -100 } },
    { prev: 100, cur: 150, before: true, want: { expansion: 50 } },
    { prev: 150, cur: 100, before: true, want: { contraction: -50 } },
    { prev: 100, cur: 100, before: true, want: {} },
  ])('movement $prev → $cur', ({ prev, cur, before, want }) => expect(movementOf(prev, cur, before)).toEqual(want))

  it('counts the biennial prepayment as amount / 24 for its whole period', () => {
    expect(report.months.map((r) => r.mrrByChannel.agent)).toEqual([0, 102_400, 102_400, 102_400, 102_400, 102_400])
  })
})

describe('the current month before its invoices', () => {
  it('keeps a hotel invoiced through last month at that fee this month; a cancelled or lapsed one not', () => {
    const r = kpiReport({
      from: '2026-06',
      to: '2026-08',
      carryThrough: '2026-07',
      periods: [
        ...monthly('A', ['2026-06'], 29_800),
        ...monthly('B', ['2026-06'], 59_800),
        ...monthly('C', ['2026-05'], 10_000),
      ],
      hotels: [
        { tenantId: 'A', channel: 'direct', cancelledMonth: null, firstPaidMonth: '2026-06' },
        { tenantId: 'B', channel: 'agent', cancelledMonth: '2026-07', firstPaidMonth: '2026-06' },
        { tenantId: 'C', channel: 'direct', cancelledMonth: null, firstPaidMonth: '2026-05' },
      ],
      revenue: [],
      spend: [],
      commissionsPaid: [],
      nps: [],
    })
    expect(r.months.map((m) => m.mrr)).toEqual([89_600, 29_800, 0])
    expect(r.months[1]!.movements.churned).toBe(-59_800)
  })
})

describe('churn, retention, ARPA, LTV', () => {
  it.each([
    // Feb: 1 of 4 cancelled; 29,800 of 149,200 lost; (149,200 − 29,800) / 149,200
    { m: '2026-02', logo: 2_500, rev: 1_997, nrr: 8_002, arpa: 55_450, ltv: 221_800 },
    // Mar: H4 lapsed; 29,800 / 221,800; (221,800 + 30,000 − 29,800) / 221,800
    { m: '2026-03', logo: 2_500, rev: 1_343, nrr: 10_009, arpa: 74_000, ltv: 296_000 },
    // Apr: no logo lost; contraction 30,000 / 222,000; 192,000 / 222,000
    { m: '2026-04', logo: 0, rev: 1_351, nrr: 8_648, arpa: 64_000, ltv: null },
    { m: '2026-01', logo: null, rev: null, nrr: null, arpa: 37_300, ltv: null },
  ])('$m', ({ m, logo, rev, nrr, arpa, ltv }) => {
    const row = month(m)
    expect([row.logoChurnBps, row.revenueChurnBps, row.nrrBps, row.arpa, row.ltv]).toEqual([logo, rev, nrr, arpa, ltv])
  })

  it('summarises the range: pooled logo churn 2 / 18, LTV = ARPA / churn, CAC', () => {
    expect(report.summary.logoChurnBps).toBe(1_111)
    expect(report.summary.ltv).toBe(499_099) // 55,450 × 10,000 / 1,111
    expect(report.summary.cac).toBe(34_096) // (150,000 + 20,480) / 5
    expect(month('2026-01').cac).toBe(37_500) // 150,000 / 4
    expect(month('2026-02').cac).toBe(20_480)
    expect(month('2026-03').cac).toBeNull()
  })
})

describe('revenue by channel, refunds', () => {
  it('spreads a biennial invoice over 24 months, the remainder on the last', () => {
    const items = revenueItems([{ tenantId: 'X', startMonth: '2026-01', months: 12, subtotal: 100_001 }], [])
    expect(items.map((i) => i.yen)).toEqual([...Array(11).fill(8_333), 8_338])
  })

  it('takes a refund off the month of its credit note, never off MRR', () => {
    expect(month('2026-02').revenueByChannel).toEqual({
      direct: 0,
      agent: 102_400,
      customer: 59_800,
      pms_vendor: 29_800,
    })
    expect(month('2026-02').revenue).toBe(192_000)
    expect(month('2026-01').revenue).toBe(149_200)
    expect(month('2026-01').referralRevenueShareBps).toBe(6_005) // 89,600 / 149,200
    expect(month('2026-06').hotelsByChannel).toEqual({ direct: 1, agent: 1, customer: 1, pms_vendor: 1 })
    expect(month('2026-05').newMrrByChannel).toEqual({ direct: 0, agent: 0, customer: 0, pms_vendor: 29_800 })
  })
})

describe('NPS', () => {
  it.each([
    { scores: [10, 9, 8, 6, 3], want: 0 },
    { scores: [10, 10, 7], want: 67 },
    { scores: [0, 0, 9], want: -33 },
    { scores: [], want: null },
  ])('$scores → $want', ({ scores, want }) => expect(npsScore(scores).score).toBe(want))

  it('per month and over the range', () => {
    expect(month('2026-01').nps).toMatchObject({ responses: 5, promoters: 2, passives: 1, detractors: 2, score: 0 })
    expect(report.summary.nps.score).toBe(25) // 4 promoters − 2 detractors of 8
  })
})

describe('projection', () => {
  it('compounds the trailing three months of growth and churn', () => {
    // Apr–Jun: start MRR 222,000 + 192,000 + 221,800 = 635,800; growth 29,800 → 468 bps; churn 30,000 → 471 bps
    expect(report.projection.assumptions).toEqual({
      baseMonth: '2026-06',
      baseMrr: 221_800,
      trailingMonths: 3,
      growthBps: 468,
      churnBps: 471,
    })
    expect(report.projection.months).toHaveLength(12)
    expect(report.projection.months[0]).toEqual({ month: '2026-07', mrr: 221_733, revenue: 221_733 })
  })
})

describe('CSV', () => {
  it('is RFC 4180 with a BOM', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n1,\r\n')
  })
})
