// Churn risk of a hotel (DOMAIN.md, Lifecycle automation): a score in [0, 1] from five signals,
// each with a weight, computed in integer points of 1/10 000 and floored once per signal.

/** What the daily churn job gathers for one hotel (services/churn.ts gatherChurnSignals). */
export interface ChurnSignals {
  /** AI-handled conversations in the last 30 days and in the 30 days before (0 when unknown). */
  conversationsLast30: number
  conversationsPrior30: number
  /** The latest measured ROI and the plan's guarantee, in basis points (100% = 10 000); null: not measured. */
  roiBps: number | null
  guaranteedRoiBps: number
  /** Invoices past their due date and unpaid, or whose payment failed, in the last 90 days. */
  failedPayments: number
  /** The latest NPS answer of the hotel's people (0–10), null when none. */
  latestNps: number | null
  openRefundRequest: boolean
}

export type ChurnFactor =
  'usage_decline' | 'roi_below_guarantee' | 'failed_payments' | 'nps_detractor' | 'refund_request'

export interface ChurnReason {
  factor: ChurnFactor
  /** What this factor adds to the score, in [0, weight]. */
  contribution: number
  detail: Record<string, number>
}

export interface ChurnRisk {
  score: number
  reasons: ChurnReason[]
}

const ONE = 10_000
/** Weights in points of 1/10 000; they sum to 10 000. */
export const CHURN_WEIGHTS: Record<ChurnFactor, number> = {
  usage_decline: 2_500,
  roi_below_guarantee: 1_500,
  failed_payments: 2_500,
  nps_detractor: 1_500,
  refund_request: 2_000,
}
/** A usage drop of this many percent or more counts fully. */
export const FULL_USAGE_DECLINE_PERCENT = 50
/** An ROI this many percentage points under the guarantee or more counts fully. */
export const FULL_ROI_SHORTFALL_POINTS = 100
/** This many failed payments or more count fully. */
export const FULL_FAILED_PAYMENTS = 2
/** Above this score: an urgent intervention task and a mail to the hotel's HQ contact. */
export const CHURN_INTERVENTION_THRESHOLD = 0.7

/** weight × min(1, value / full), floored once. */
const share = (weight: number, value: number, full: number) =>
  value <= 0 ? 0 : Math.floor((weight * Math.min(value, full)) / full)

/** The churn-risk score of one hotel and the reasons behind it (only factors that add something). */
export function churnRisk(s: ChurnSignals): ChurnRisk {
  const reasons: ChurnReason[] = []
  let points = 0
  const add = (factor: ChurnFactor, value: number, detail: Record<string, number>) => {
    if (value <= 0) return
    points += value
    reasons.push({ factor, contribution: value / ONE, detail })
  }

  // Decline in whole percent of the prior period's conversations; no prior usage, no decline.
  const declinePercent =
    s.conversationsPrior30 > 0 && s.conversationsLast30 < s.conversationsPrior30
      ? Math.floor(((s.conversationsPrior30 - s.conversationsLast30) * 100) / s.conversationsPrior30)
      : 0
  add('usage_decline', share(CHURN_WEIGHTS.usage_decline, declinePercent, FULL_USAGE_DECLINE_PERCENT), {
    declinePercent,
    last30: s.conversationsLast30,
    prior30: s.conversationsPrior30,
  })

  const shortfallPoints = s.roiBps === null ? 0 : Math.max(0, Math.floor((s.guaranteedRoiBps - s.roiBps) / 100))
  add(
    'roi_below_guarantee',
    share(CHURN_WEIGHTS.roi_below_guarantee, shortfallPoints, FULL_ROI_SHORTFALL_POINTS),
    s.roiBps === null ? {} : { roiPercent: s.roiBps / 100, guaranteedPercent: s.guaranteedRoiBps / 100 },
  )

  add('failed_payments', share(CHURN_WEIGHTS.failed_payments, s.failedPayments, FULL_FAILED_PAYMENTS), {
    count: s.failedPayments,
  })

  if (s.latestNps !== null && s.latestNps <= 6) add('nps_detractor', CHURN_WEIGHTS.nps_detractor, { nps: s.latestNps })

  if (s.openRefundRequest) add('refund_request', CHURN_WEIGHTS.refund_request, {})

  return { score: Math.min(points, ONE) / ONE, reasons }
}

export type ChurnTaskKind = 'churn_intervention' | 'churn_follow_up'

/**
 * What HQ should do about today's score: above the threshold an urgent intervention; otherwise a
 * follow-up when the score rose since the previous one (no previous score counts as 0).
 */
export function churnTask(score: number, previousScore: number | null): ChurnTaskKind | null {
  if (score > CHURN_INTERVENTION_THRESHOLD) return 'churn_intervention'
  if (score > (previousScore ?? 0)) return 'churn_follow_up'
  return null
}
