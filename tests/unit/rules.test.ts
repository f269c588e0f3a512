import { describe, expect, it } from 'vitest'
import { canManageMember, roleAtLeast, roomFieldsDenied } from '../../shared/domain/roles'
import {
  ACCOUNT_SLOWDOWN,
  addressKey,
  afterAccountFailure,
  afterFailure,
  PAIR_LIMITS as ACCOUNT_LIMITS,
  retryAfterSeconds,
  slowdownDelayMs,
  slowdownWaitSeconds,
} from '../../shared/domain/throttle'
import { fiveMinuteSlot, periodKey } from '../../shared/domain/schedule'

describe('roleAtLeast', () => {
  it.each([
    ['owner', 'manager', true],
    ['owner', 'owner', true],
    ['manager', 'manager', true],
    ['manager', 'staff', true],
    ['manager', 'owner', false],
    ['staff', 'manager', false],
    ['staff', 'staff', true],
  ] as const)('%s ≥ %s is %s', (role, min, want) => expect(roleAtLeast(role, min)).toBe(want))
})

describe("roomFieldsDenied: staff change a room's status, managers and owners anything", () => {
  it.each([
    ['staff', ['status'], []],
    ['staff', ['capacity'], ['capacity']],
    ['staff', ['status', 'capacity', 'roomNumber'], ['capacity', 'roomNumber']],
    ['staff', [], []],
    ['manager', ['status', 'capacity', 'roomNumber', 'floor', 'roomType', 'name'], []],
    ['owner', ['capacity'], []],
  ] as const)('%s changing %j is denied %j', (role, fields, denied) =>
    expect(roomFieldsDenied(role, fields)).toEqual(denied),
  )
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
    expect(next).toEqual({
      failures: 1,
      windowStartedAt: at(ACCOUNT_LIMITS.windowMs),
      lockedUntil: null,
      lastFailureAt: at(ACCOUNT_LIMITS.windowMs),
    })
  })

  it('no state means not locked', () => expect(retryAfterSeconds(null, t0)).toBe(0))

  it('a lock from an earlier window does not carry into a fresh one', () => {
    const old = { failures: 5, windowStartedAt: t0, lockedUntil: at(ACCOUNT_LIMITS.lockMs) }
    expect(
      afterFailure(old, at(ACCOUNT_LIMITS.windowMs + ACCOUNT_LIMITS.lockMs), ACCOUNT_LIMITS).lockedUntil,
    ).toBeNull()
  })
})

describe('account slowdown (never a lock)', () => {
  const t0 = new Date('2026-11-23T10:00:00Z')
  const at = (ms: number) => new Date(t0.getTime() + ms)

  it.each([
    [0, 0],
    [9, 0],
    [10, 1_000],
    [11, 2_000],
    [12, 4_000],
    [15, 32_000],
    [16, 60_000],
    [500, 60_000],
  ])('%i failures → %i ms', (failures, ms) => expect(slowdownDelayMs(failures)).toBe(ms))

  it('waits the delay after the last failure, then lets the next attempt through', () => {
    let state = null as ReturnType<typeof afterAccountFailure> | null
    for (let i = 0; i < 12; i++) state = afterAccountFailure(state, at(i * 100))
    expect(state!.lockedUntil).toBeNull()
    expect(slowdownWaitSeconds(state, at(1100))).toBe(4) // 12 failures → 4 s after the last at 1.1 s
    expect(slowdownWaitSeconds(state, at(1100 + 4_000))).toBe(0)
  })

  it('forgets the window after an hour', () => {
    const state = {
      failures: 200,
      windowStartedAt: t0,
      lockedUntil: null,
      lastFailureAt: at(ACCOUNT_SLOWDOWN.windowMs - 1),
    }
    expect(slowdownWaitSeconds(state, at(ACCOUNT_SLOWDOWN.windowMs))).toBe(0)
  })
})

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1234:5678:aaaa:bbbb:cccc:dddd', '2001:db8:1234:5678::/64'],
    ['2001:db8:1234:5678::1', '2001:db8:1234:5678::/64'],
    ['2001:0db8:0000:0001::ffff', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (ip, key) => expect(addressKey(ip)).toBe(key))
})

describe('periodKey (Asia/Tokyo)', () => {
  it.each([
    { at: '2026-11-23T14:59:59Z', period: 'day', want: '2026-11-23' },
    { at: '2026-11-23T15:00:00Z', period: 'day', want: '2026-11-24' }, // midnight in Tokyo
    { at: '2026-12-31T15:30:00Z', period: 'month', want: '2027-01' },
    { at: '2026-11-23T16:05:00Z', period: 'hour', want: '2026-11-24T01' },
    { at: '2026-11-23T16:05:09Z', period: 'minute', want: '2026-11-24T01:05' },
  ] as const)('$at by $period → $want', ({ at, period, want }) => expect(periodKey(new Date(at), period)).toBe(want))

  it.each([
    ['2026-11-24T00:07:59Z', '2026-11-24T09:05'],
    ['2026-11-24T00:05:00Z', '2026-11-24T09:05'],
    ['2026-11-24T00:04:59.999Z', '2026-11-24T09:00'],
    ['2026-11-23T14:59:00Z', '2026-11-23T23:55'],
  ])('5-minute slot of %s → %s', (at, want) => expect(fiveMinuteSlot(new Date(at))).toBe(want))
})

describe('canManageMember', () => {
  it.each([
    ['owner', 'owner', null, true],
    ['owner', null, 'owner', true],
    ['owner', 'staff', 'manager', true],
    ['manager', 'staff', 'manager', true],
    ['manager', null, 'staff', true],
    ['manager', 'manager', null, true],
    ['manager', null, 'owner', false],
    ['manager', 'owner', 'manager', false],
    ['manager', 'owner', null, false],
    ['staff', 'staff', null, false],
    ['staff', null, 'staff', false],
  ] as const)('%s changing %s → %s: %s', (actor, current, next, want) =>
    expect(canManageMember(actor, current, next)).toBe(want),
  )
})
