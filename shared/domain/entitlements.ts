// What a plan allows (DOMAIN.md): features and a room limit, checked on the server; pages ask the
// same questions through usePlanRestrictions().
import type { PlanFeature } from './catalogue'

export interface PlanEntitlements {
  planCode: string
  name: string
  monthlyPrice: number
  maxRooms: number
  features: string[]
}

/** The cheapest active plan that includes `feature`, or null when none does. */
export function cheapestPlanWith(feature: PlanFeature | string, plans: PlanEntitlements[]): PlanEntitlements | null {
  return [...plans].sort((a, b) => a.monthlyPrice - b.monthlyPrice).find((p) => p.features.includes(feature)) ?? null
}

export type FeatureCheck = { allowed: true } | { allowed: false; requiredPlan: PlanEntitlements | null }

export function checkFeature(
  plan: PlanEntitlements,
  feature: PlanFeature | string,
  plans: PlanEntitlements[],
): FeatureCheck {
  return plan.features.includes(feature)
    ? { allowed: true }
    : { allowed: false, requiredPlan: cheapestPlanWith(feature, plans) }
}

/** Rooms still allowed: 0 means the next room is refused. */
export function roomsLeft(plan: Pick<PlanEntitlements, 'maxRooms'>, roomsUsed: number): number {
  return Math.max(0, plan.maxRooms - roomsUsed)
}
