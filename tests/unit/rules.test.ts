import { describe, expect, it } from 'vitest'
import { canManageMember, roleAtLeast } from '../../shared/domain/roles'
import { ACCOUNT_LIMITS, afterFailure, retryAfterSeconds } from '../../shared/domain/throttle'
import { fiveMinuteSlot, periodKey } from '../../shared/domain/schedule'

describe('roleAtLeast', () => {
  it.each([
    ['owner', 'manager', true], ['owner', 'owner', true], ['manager', 'manager', true], ['manager', 'staff', true],
    ['manager', 'owner', false], ['staff', 'manager', false], ['staff', 'staff', true],
  ] as const)('%s ≥ %s is %s', (role, min, want) => expect(roleAtLeast(role, min)).toBe(want))
})

describe('sign-in throttle', () => {
  const t0 = new Date('2026-11-23T10:00:00Z')
  const at = (ms: number) => new Date(t0.getTime() + ms)

  it('locks on the fifth failure inside the window, for the lock time', () => {
    let state = null as ReturnType<typeof afterFailure> | null
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i * 1000), ACCOUNT_LIMITS)
    expect(state!.failures).toBe(4)
    expect(retryAfterSeconds(state, at(5000))).toBe(0)
    state = afterFailure(state, at(5000), ACCOUNT_LIMITS)
    expect(state.failures).toBe(5)
    expect(retryAfterSeconds(state, at(5000))).toBe(15 * 60)
    expect(retryAfterSeconds(state, at(5000 + 15 * 60_000 - 1))).toBe(1)
    expect(retryAfterSeconds(state, at(5000 + 15 * 60_000))).toBe(0)
  })

  it('starts a new window after the window has passed', () => {
    const old = { failures: 4, windowStartedAt: t0, lockedUntil: null }
    const next = afterFailure(old, at(ACCOUNT_LIMITS.windowMs), ACCOUNT_LIMITS)
    expect(next).toEqual({ failures: 1, windowStartedAt: at(ACCOUNT_LIMITS.windowMs), lockedUntil: null })
  })

  it('no state means not locked', () => expect(retryAfterSeconds(null, t0)).toBe(0))
})

describe('periodKey (Asia/Tokyo)', () => {
  it.each([
    { at: '2026-11-23T14:59:59Z', period: 'day', want: '2026-11-23' },
    { at: '2026-11-23T15:00:00Z', period: 'day', want: '2026-11-24' }, // midnight in Tokyo
    { at: '2026-12-31T15:30:00Z', period: 'month', want: '2027-01' },
    { at: '2026-11-23T16:05:00Z', period: 'hour', want: '2026-11-24T01' },
    { at: '2026-11-23T16:05:09Z', period: 'minute', want: '2026-11-24T01:05' },
  ] as const)('$at by $period → $want', ({ at, period, want }) => expect(periodKey(new Date(at), period)).toBe(want))

  it.each([['2026-11-24T00:07:59Z', '2026-11-24T09:05'], ['2026-11-24T00:05:00Z', '2026-11-24T09:05'], ['2026-11-24T00:04:59.999Z', '2026-11-24T09:00'], ['2026-11-23T14:59:00Z', '2026-11-23T23:55']])('5-minute slot of %s → %s', (at, want) => expect(fiveMinuteSlot(new Date(at))).toBe(want))
})

describe('canManageMember', () => {
  it.each([
    ['owner', 'owner', null, true], ['owner', null, 'owner', true], ['owner', 'staff', 'manager', true],
    ['manager', 'staff', 'manager', true], ['manager', null, 'staff', true], ['manager', 'manager', null, true],
    ['manager', null, 'owner', false], ['manager', 'owner', 'manager', false], ['manager', 'owner', null, false],
    ['staff', 'staff', null, false], ['staff', null, 'staff', false],
  ] as const)('%s changing %s → %s: %s', (actor, current, next, want) => expect(canManageMember(actor, current, next)).toBe(want))
})
