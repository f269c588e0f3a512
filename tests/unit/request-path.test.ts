// The request path's small rules: which encoding a response gets, and when load is shed.
import { describe, expect, it } from 'vitest'
import { pickEncoding } from '../../server/lib/compression'
import { exemptFromShedding, InFlightLimiter, maxInFlight, Overloaded } from '../../server/lib/load-shedding'
import { toApiError } from '../../server/lib/api-error'

describe('pickEncoding', () => {
  it.each([
    { header: undefined, want: undefined },
    { header: '', want: undefined },
    { header: 'identity', want: undefined },
    { header: 'gzip, deflate', want: 'gzip' },
    { header: 'gzip, deflate, br, zstd', want: 'br' },
    { header: 'br;q=0, gzip', want: 'gzip' },
    { header: 'gzip;q=0', want: undefined },
    { header: '*', want: 'br' },
    { header: '*;q=0.5, br;q=0', want: 'gzip' },
    { header: 'GZIP', want: 'gzip' },
  ])('$header → $want', ({ header, want }) => expect(pickEncoding(header)).toBe(want))
})

describe('load shedding', () => {
  it('admits up to the cap, refuses the next, and admits again once one leaves', () => {
    const limiter = new InFlightLimiter(2)
    expect([limiter.tryEnter(), limiter.tryEnter(), limiter.tryEnter()]).toEqual([true, true, false])
    expect(limiter.shed).toBe(1)
    limiter.leave()
    expect(limiter.tryEnter()).toBe(true)
    limiter.leave()
    limiter.leave()
    limiter.leave() // one more leave than enters never goes below zero
    expect(limiter.current).toBe(0)
  })

  it.each([
    { env: {}, want: 40 },
    { env: { DATABASE_POOL_SIZE: '20' }, want: 80 },
    { env: { MAX_IN_FLIGHT: '7', DATABASE_POOL_SIZE: '20' }, want: 7 },
    { env: { MAX_IN_FLIGHT: 'lots' }, want: 40 },
    { env: { MAX_IN_FLIGHT: '0' }, want: 40 },
  ])('cap for $env is $want', ({ env, want }) => expect(maxInFlight(env)).toBe(want))

  it.each([
    { path: '/api/health', want: true },
    { path: '/_nuxt/entry.js', want: true },
    { path: '/api/v1/tenant/rooms', want: false },
    { path: '/', want: false },
    { path: '/api/healthz', want: false },
  ])('$path exempt: $want', ({ path, want }) => expect(exemptFromShedding(path)).toBe(want))

  it('answers 503, code overloaded, Retry-After data, in the request language', () => {
    const ja = toApiError(Overloaded(), 'ja')
    const en = toApiError(Overloaded(), 'en')
    expect(ja).toMatchObject({ statusCode: 503, code: 'overloaded', data: { retryAfterSeconds: 1 } })
    expect(ja.message).toContain('混み合っています')
    expect(en.message).toContain('busy')
  })
})
