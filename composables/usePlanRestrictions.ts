import type { PlanFeature } from '~~/shared/domain/catalogue'

interface Entitlements {
  plan: { planCode: string; name: string }
  rooms: { used: number; limit: number; left: number }
  features: Record<string, { allowed: boolean; requiredPlan?: { planCode: string; name: string } | null }>
}

/** The server's answers about the hotel's plan, for pages to hide or explain what it lacks. */
export function usePlanRestrictions() {
  const { data, refresh, pending } = useFetch<Entitlements>('/api/v1/tenant/entitlements', { key: 'entitlements' })
  const checkFeatureAccess = (feature: PlanFeature) =>
    data.value?.features[feature] ?? { allowed: false, requiredPlan: null }
  const getRoomLimit = () => data.value?.rooms.limit ?? 0
  const canAddRoom = computed(() => (data.value?.rooms.left ?? 0) > 0)
  const canUseAIVoice = computed(() => checkFeatureAccess('ai_voice').allowed)
  const canUsePremiumSupport = computed(() => checkFeatureAccess('premium_support').allowed)
  // Until the server answers nothing is known: a page must not say "not in your plan" or "limit 0".
  const known = computed(() => data.value != null)
  return {
    known,
    entitlements: data,
    pending,
    refresh,
    checkFeatureAccess,
    getRoomLimit,
    canAddRoom,
    canUseAIVoice,
    canUsePremiumSupport,
  }
}
