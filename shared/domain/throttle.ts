// Failed sign-in throttling: pure rules over the stored counters. The service stores what these
// return, inside a row lock. Three counters, so that a stranger can slow an account down but never
// lock its owner out:
//  - per (account, address): a few failures lock that pair only (the owner elsewhere is unaffected);
//  - per address (IPv4 exactly, IPv6 by its /64): many failures over any accounts lock the address;
//  - per account, over all addresses: past a threshold each attempt must wait a delay that doubles
//    with every further failure, capped, so a distributed guesser gets a handful of tries an hour
//    while the real user waits at most the cap.

export interface ThrottleLimits {
  maxFailures: number
  windowMs: number
  lockMs: number
}

export const PAIR_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
export const ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

export interface SlowdownLimits {
  /** Failures (over all addresses, within the window) before any delay applies. */
  freeFailures: number
  windowMs: number
  /** The first delay; each further failure doubles it, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

export const ACCOUNT_SLOWDOWN: SlowdownLimits = {
  freeFailures: 10,
  windowMs: 60 * 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
}

/** Password-reset requests: per address and per account (the account limit is silent). */
export const RESET_ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 }
export const RESET_ACCOUNT_LIMITS: ThrottleLimits = { maxFailures: 3, windowMs: 60 * 60_000, lockMs: 60 * 60_000 }

/**
 * Mails a hotel makes the platform send to addresses of its choice (staff invitations and "Refer a
 * hotel" together): anyone can sign up a hotel, so without a limit any hotel could mail-bomb an
 * address or send unlimited mails under our name.
 */
export const HOTEL_MAIL_LIMITS: ThrottleLimits = { maxFailures: 30, windowMs: 60 * 60_000, lockMs: 60 * 60_000 }

export interface ThrottleState {
  failures: number
  windowStartedAt: Date
  lockedUntil: Date | null
  lastFailureAt?: Date | null
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
  const lockedUntil =
    failures >= limits.maxFailures
      ? new Date(now.getTime() + limits.lockMs)
      : fresh
        ? null
        : (state?.lockedUntil ?? null)
  return { failures, windowStartedAt, lockedUntil, lastFailureAt: now }
}

/** The account's delay in ms after `failures` failures in its window (0 below the threshold). */
export function slowdownDelayMs(failures: number, limits: SlowdownLimits = ACCOUNT_SLOWDOWN): number {
  const over = failures - limits.freeFailures
  if (over < 0) return 0
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over, 30))
}

/** Seconds an account must still wait before the next attempt is even checked (0: go ahead). */
export function slowdownWaitSeconds(
  state: ThrottleState | null,
  now: Date,
  limits: SlowdownLimits = ACCOUNT_SLOWDOWN,
): number {
  if (!state?.lastFailureAt) return 0
  if (now.getTime() - state.windowStartedAt.getTime() >= limits.windowMs) return 0
  const ready = state.lastFailureAt.getTime() + slowdownDelayMs(state.failures, limits)
  const ms = ready - now.getTime()
  return ms > 0 ? Math.ceil(ms / 1000) : 0
}

/** The state of the account's counter after one more failure (it never locks). */
export function afterAccountFailure(
  state: ThrottleState | null,
  now: Date,
  limits: SlowdownLimits = ACCOUNT_SLOWDOWN,
): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= limits.windowMs
  return {
    failures: fresh ? 1 : state.failures + 1,
    windowStartedAt: fresh ? now : state.windowStartedAt,
    lockedUntil: null,
    lastFailureAt: now,
  }
}

/** The key an address is counted under: IPv4 as is, IPv6 by its /64 (one customer's block). */
export function addressKey(address: string): string {
  const ip = address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((g) => (g || '0').replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
