import { describe, expect, it } from 'vitest'
import { churnRisk, churnTask, type ChurnSignals } from '../../shared/domain/churn'

const calm: ChurnSignals = {
  conversationsLast30: 300,
  conversationsPrior30: 300,
  roiBps: 15_000,
  guaranteedRoiBps: 10_000,
  failedPayments: 0,
  latestNps: 9,
  openRefundRequest: false,
}

describe('churnRisk', () => {
  it.each([
    { name: 'a calm hotel', s: {}, score: 0, factors: [] },
    // 300 → 225 is a 25% decline: half of the 0.25 weight
    { name: 'usage down 25%', s: { conversationsLast30: 225 }, score: 0.125, factors: ['usage_decline'] },
    // 300 → 0 is 100%, capped at the full 50%
    { name: 'usage gone', s: { conversationsLast30: 0 }, score: 0.25, factors: ['usage_decline'] },
    // 300 → 299: 0.33% floors to 0%: nothing
    { name: 'usage down a hair', s: { conversationsLast30: 299 }, score: 0, factors: [] },
    { name: 'no prior usage', s: { conversationsLast30: 0, conversationsPrior30: 0 }, score: 0, factors: [] },
    // 80% against a 100% guarantee: 20 points of 100 → 0.15 × 0.2
    { name: 'ROI 20 points short', s: { roiBps: 8_000 }, score: 0.03, factors: ['roi_below_guarantee'] },
    { name: 'ROI far below', s: { roiBps: -5_000 }, score: 0.15, factors: ['roi_below_guarantee'] },
    { name: 'ROI not measured', s: { roiBps: null }, score: 0, factors: [] },
    { name: 'one failed payment', s: { failedPayments: 1 }, score: 0.125, factors: ['failed_payments'] },
    { name: 'three failed payments', s: { failedPayments: 3 }, score: 0.25, factors: ['failed_payments'] },
    { name: 'NPS 6 is a detractor', s: { latestNps: 6 }, score: 0.15, factors: ['nps_detractor'] },
    { name: 'NPS 7 is not', s: { latestNps: 7 }, score: 0, factors: [] },
    { name: 'no NPS answer', s: { latestNps: null }, score: 0, factors: [] },
    { name: 'open refund request', s: { openRefundRequest: true }, score: 0.2, factors: ['refund_request'] },
    {
      name: 'payments, refund and detractor: 0.6, not above 0.7',
      s: { failedPayments: 2, openRefundRequest: true, latestNps: 3 },
      score: 0.6,
      factors: ['failed_payments', 'nps_detractor', 'refund_request'],
    },
    {
      name: 'everything at once is 1',
      s: { conversationsLast30: 10, roiBps: 0, failedPayments: 5, latestNps: 0, openRefundRequest: true },
      score: 1,
      factors: ['usage_decline', 'roi_below_guarantee', 'failed_payments', 'nps_detractor', 'refund_request'],
    },
    {
      // 0.25 × 33/50 = 0.165; + 0.25 + 0.2 + 0.15 = 0.765
      name: 'usage down a third with the rest',
      s: { conversationsLast30: 200, failedPayments: 2, openRefundRequest: true, latestNps: 5 },
      score: 0.765,
      factors: ['usage_decline', 'failed_payments', 'nps_detractor', 'refund_request'],
    },
  ])('$name → $score', ({ s, score, factors }) => {
    const risk = churnRisk({ ...calm, ...s })
    expect(risk.score).toBe(score)
    expect(risk.score).toBeGreaterThanOrEqual(0)
    expect(risk.score).toBeLessThanOrEqual(1)
    expect(risk.reasons.map((r) => r.factor)).toEqual(factors)
    expect(risk.reasons.reduce((sum, r) => sum + r.contribution * 10_000, 0)).toBe(Math.round(score * 10_000))
  })

  it('explains each reason with its numbers', () => {
    const risk = churnRisk({ ...calm, conversationsLast30: 150, roiBps: 9_000 })
    expect(risk.reasons).toEqual([
      { factor: 'usage_decline', contribution: 0.25, detail: { declinePercent: 50, last30: 150, prior30: 300 } },
      { factor: 'roi_below_guarantee', contribution: 0.015, detail: { roiPercent: 90, guaranteedPercent: 100 } },
    ])
  })
})

describe('churnTask', () => {
  it.each([
    { score: 0.71, previous: null, want: 'churn_intervention' },
    { score: 0.9, previous: 0.95, want: 'churn_intervention' }, // above the threshold even when falling
    { score: 0.7, previous: 0.5, want: 'churn_follow_up' }, // 0.7 itself is not above it
    { score: 0.3, previous: 0.2, want: 'churn_follow_up' },
    { score: 0.2, previous: null, want: 'churn_follow_up' },
    { score: 0.2, previous: 0.2, want: null },
    { score: 0.1, previous: 0.4, want: null },
    { score: 0, previous: null, want: null },
  ])('$score after $previous → $want', ({ score, previous, want }) => {
    expect(churnTask(score, previous)).toBe(want)
  })
})
