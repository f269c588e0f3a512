// ROI, the compensation amount and the weeks the roi job measures (DOMAIN.md, Risk reversal);
// every expected value is computed by hand in the comment beside it.
import { describe, expect, it } from 'vitest'
import {
  compensationAmount,
  feesPaidInPeriod,
  guaranteeWindow,
  measurementPeriod,
  roi,
  roiWeek,
  weekStartOf,
} from '../../shared/domain/roi'

const defaults = { minutesPerConversation: 6, staffHourlyCost: 1_800 }

describe('roi', () => {
  it.each([
    // 1,000 × 6 min = 6,000 min × ¥1,800 / 60 = ¥180,000; (180,000 − 29,800) / 29,800 = 5.04026… → 50,402 bps
    { conv: 1_000, upsell: 0, fees: 29_800, savings: 180_000, roiBps: 50_402 },
    // 6 months of LEISURE_ECONOMY: 2,000 × 6 × 1,800 / 60 = 360,000; 181,200 / 178,800 = 1.01342… → 10,134
    { conv: 2_000, upsell: 0, fees: 178_800, savings: 360_000, roiBps: 10_134 },
    // PROFESSIONAL: 3,000 conv → 540,000 + upsell 300,000 = 840,000; 72,000 / 768,000 = 0.09375 → 937
    { conv: 3_000, upsell: 300_000, fees: 768_000, savings: 540_000, roiBps: 937 },
    // nothing saved: (0 − 100,000) / 100,000 = −100%
    { conv: 0, upsell: 0, fees: 100_000, savings: 0, roiBps: -10_000 },
    // no fee paid yet: ROI undefined
    { conv: 10, upsell: 0, fees: 0, savings: 1_800, roiBps: null },
  ])('$conv conversations, ¥$upsell upsell, ¥$fees fees → ¥$savings saved, $roiBps bps', (c) => {
    const r = roi({ ...defaults, conversations: c.conv, upsellRevenue: c.upsell, feesPaid: c.fees })
    expect(r.costSavings).toBe(c.savings)
    expect(r.revenueIncrease).toBe(c.upsell)
    expect(r.roiBps).toBe(c.roiBps)
  })

  it('floors once at the end, not the savings first', () => {
    // 7 × 6 = 42 min × ¥1,801 / 60 = 1,260.7; (1,260.7 − 1,000) / 1,000 = 0.2607 → 2,607 bps (2,600 if floored early)
    const r = roi({
      conversations: 7,
      minutesPerConversation: 6,
      staffHourlyCost: 1_801,
      upsellRevenue: 0,
      feesPaid: 1_000,
    })
    expect(r.costSavings).toBe(1_260)
    expect(r.roiBps).toBe(2_607)
  })

  it('uses the minutes the concierge reported on the days it knew them', () => {
    // 100 conversations, 40 on days that reported 500 minutes: 60 × 6 + 500 = 860 min × 1,800 / 60 = ¥25,800
    const r = roi({
      ...defaults,
      conversations: 100,
      conversationsWithReportedMinutes: 40,
      reportedMinutes: 500,
      upsellRevenue: 0,
      feesPaid: 10_000,
    })
    expect(r.staffMinutesSaved).toBe(860)
    expect(r.costSavings).toBe(25_800)
    expect(r.roiBps).toBe(15_800) // (25,800 − 10,000) / 10,000
  })
})

describe('compensationAmount', () => {
  const value = (conv: number, upsell: number) => ({ ...defaults, conversations: conv, upsellRevenue: upsell })
  it.each([
    // PROFESSIONAL (150%): S + R = 840,000; x = 768,000 − 840,000 / 2.5 = 432,000 (then ROI = 504,000 / 336,000 = 150%)
    { conv: 3_000, upsell: 300_000, fees: 768_000, g: 15_000, want: 432_000 },
    // ECONOMY (100%): S + R = 360,000 ≥ 2 × 178,800: guarantee met, nothing owed
    { conv: 2_000, upsell: 0, fees: 178_800, g: 10_000, want: 0 },
    // exactly at the guarantee: S + R = 2F = 357,600 → 0
    { conv: 0, upsell: 357_600, fees: 178_800, g: 10_000, want: 0 },
    // nothing saved: x = F, capped at the fees paid
    { conv: 0, upsell: 0, fees: 768_000, g: 15_000, want: 768_000 },
    // ENTERPRISE (200%): 1,788,000 fees, S + R = 600,000 + 0; x = 1,788,000 − 600,000 / 3 = 1,588,000
    { conv: 3_333, upsell: 60, fees: 1_788_000, g: 20_000, want: 1_588_000 },
    // floor: S + R = 100,001 (1 min × ¥60 / 60 = 1, + 100,000); x = 100,000 − 50,000.5 = 49,999.5 → 49,999
    { conv: 1, upsell: 100_000, fees: 100_000, g: 10_000, want: 49_999, minutes: 1, cost: 60 },
    // no fee paid: nothing to give back
    { conv: 0, upsell: 0, fees: 0, g: 10_000, want: 0 },
  ])('¥$fees fees, guarantee $g bps → ¥$want', (c) => {
    const inputs = {
      ...value(c.conv, c.upsell),
      feesPaid: c.fees,
      ...(c.minutes ? { minutesPerConversation: c.minutes, staffHourlyCost: c.cost } : {}),
    }
    expect(compensationAmount(inputs, c.g)).toBe(c.want)
  })

  it('lifts the ROI to the guarantee (within a yen)', () => {
    const inputs = { ...value(3_000, 300_000), feesPaid: 768_000 }
    const x = compensationAmount(inputs, 15_000)
    expect(roi({ ...inputs, feesPaid: 768_000 - x }).roiBps).toBe(15_000)
  })
})

describe('weeks in Asia/Tokyo', () => {
  it.each([
    // Sunday 02:00 JST (Saturday 17:00 UTC): measures up to Saturday, in the week of Monday 11-23
    { now: '2026-11-28T17:00:00Z', lastDay: '2026-11-28', weekStart: '2026-11-23' },
    // Sunday 23:59:59.999 JST: still that week
    { now: '2026-11-29T14:59:59.999Z', lastDay: '2026-11-28', weekStart: '2026-11-23' },
    // Monday 00:00 JST: Sunday is now the last complete day, still the week of 11-23
    { now: '2026-11-29T15:00:00Z', lastDay: '2026-11-29', weekStart: '2026-11-23' },
    // Tuesday 00:00 JST: Monday 11-30 starts a new week
    { now: '2026-11-30T15:00:00Z', lastDay: '2026-11-30', weekStart: '2026-11-30' },
    // across a year: Sunday 2027-01-03 02:00 JST → Saturday 01-02, week of Monday 2026-12-28
    { now: '2027-01-02T17:00:00Z', lastDay: '2027-01-02', weekStart: '2026-12-28' },
  ])('$now → last day $lastDay, week $weekStart', ({ now, lastDay, weekStart }) =>
    expect(roiWeek(new Date(now))).toEqual({ lastDay, weekStart }),
  )

  it.each([
    ['2026-11-30', '2026-11-30'], // Monday
    ['2026-12-06', '2026-11-30'], // Sunday
    ['2026-03-01', '2026-02-23'], // Sunday after February
  ])('%s is in the week of %s', (date, monday) => expect(weekStartOf(date)).toBe(monday))

  it('the guarantee window is the first 6 months, both ends inclusive', () => {
    expect(guaranteeWindow('2026-06-01')).toEqual({ start: '2026-06-01', end: '2026-11-30' })
    expect(guaranteeWindow('2026-08-31')).toEqual({ start: '2026-08-31', end: '2027-02-27' })
  })

  it.each([
    { lastDay: '2026-05-31', want: null }, // before the contract
    { lastDay: '2026-06-01', want: { start: '2026-06-01', end: '2026-06-01', complete: false } },
    { lastDay: '2026-11-29', want: { start: '2026-06-01', end: '2026-11-29', complete: false } },
    { lastDay: '2026-11-30', want: { start: '2026-06-01', end: '2026-11-30', complete: true } }, // last day inside
    { lastDay: '2026-12-06', want: { start: '2026-06-01', end: '2026-11-30', complete: true } }, // end + 6
    { lastDay: '2026-12-07', want: null }, // judged already: no more measurements
  ])('contract 2026-06-01, last day $lastDay', ({ lastDay, want }) =>
    expect(measurementPeriod('2026-06-01', lastDay)).toEqual(want),
  )
})

describe('feesPaidInPeriod', () => {
  it('counts the billed months that begin inside the period, spreading yearly invoices', () => {
    const monthly = [0, 1, 2, 3, 4, 5, 6].map((i) => ({
      subtotal: 29_800,
      periodStart: `2026-${String(6 + i).padStart(2, '0')}-15`,
      months: 1,
    }))
    // 06-15 … 11-15 begin inside [06-15, 12-14]; 12-15 does not
    expect(feesPaidInPeriod(monthly, '2026-06-15', '2026-12-14')).toBe(6 * 29_800)
    // yearly ¥321,840 = 26,820 × 12: six of its months → 160,920
    expect(
      feesPaidInPeriod([{ subtotal: 321_840, periodStart: '2026-06-15', months: 12 }], '2026-06-15', '2026-12-14'),
    ).toBe(160_920)
    // ¥100,001 over 12: 8,333 each, 8,338 on the last; only the first 3 begun
    expect(
      feesPaidInPeriod([{ subtotal: 100_001, periodStart: '2026-01-01', months: 12 }], '2026-01-01', '2026-03-31'),
    ).toBe(24_999)
  })
})
