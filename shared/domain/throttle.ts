// Failed sign-in throttling: a pure rule over the stored counter for one key (an account or an
// address). The service stores what this returns, inside a row lock.

export interface ThrottleLimits {
  maxFailures: number
  windowMs: number
  lockMs: number
}

export const ACCOUNT_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
export const ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

export interface ThrottleState {
  failures: number
  windowStartedAt: Date
  lockedUntil: Date | null
}

/** Seconds until the key may try again, or 0 when it is not locked. */
export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0
  const ms = state.lockedUntil.getTime() - now.getTime()
  return ms > 0 ? Math.ceil(ms / 1000) : 0
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= limits.windowMs
  const failures = fresh ? 1 : state.failures + 1
  const windowStartedAt = fresh ? now : state.windowStartedAt
  const lockedUntil = failures >= limits.maxFailures ? new Date(now.getTime() + limits.lockMs) : (state?.lockedUntil ?? null)
  return { failures, windowStartedAt, lockedUntil }
}
