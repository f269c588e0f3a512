// A database that is gone (stopped, restarting, unreachable, full) is a 503 `database_unavailable`
// with Retry-After in the caller's language; a bug or a refused value stays what it was.
import { describe, expect, it } from 'vitest'
import { toApiError } from '../../server/lib/api-error'
import { isDatabaseUnavailable } from '../../server/lib/database-unavailable'
import { faultPoint, faultVariable } from '../../server/lib/faults'

const prisma = (code: string, cause?: Record<string, unknown>) =>
  Object.assign(new Error('Invalid `prisma.x()` invocation'), {
    code,
    meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : {},
  })
const node = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' })
const wrapped = (cause: unknown) => ({ statusCode: 500, unhandled: true, cause })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Prisma P1001 (cannot reach)', prisma('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1' }), true],
    ['raw query P2010 wrapping an unreachable server', prisma('P2010', { kind: 'DatabaseNotReachable' }), true],
    ['Prisma P1017 (server closed the connection)', prisma('P1017'), true],
    ['Prisma P2024 (no pool connection in time)', prisma('P2024'), true],
    ['adapter ConnectionClosed', prisma('P2039', { kind: 'ConnectionClosed' }), true],
    ['adapter TooManyConnections', prisma('P2039', { kind: 'TooManyConnections' }), true],
    ['57P01 admin shutdown', prisma('P2039', { kind: 'postgres', originalCode: '57P01' }), true],
    ['57P03 cannot connect now (starting up)', prisma('P2010', { kind: 'postgres', code: '57P03' }), true],
    ['08006 connection failure from pg', Object.assign(new Error('x'), { code: '08006' }), true],
    ['a vendor refusing the connection (not the database)', node('ECONNREFUSED'), false],
    ['EPIPE kept by Prisma', Object.assign(prisma('EPIPE'), { clientVersion: '7.10.0' }), true],
    ['fetch failed, caused by a reset (a vendor)', new TypeError('fetch failed', { cause: node('ECONNRESET') }), false],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly'), true],
    ['pg: connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['in a cause', new Error('outer', { cause: prisma('P1001') }), true],
    ['unique violation', prisma('P2002'), false],
    ['a NUL byte (22021)', prisma('P2039', { kind: 'postgres', originalCode: '22021' }), false],
    ['a plain bug', new TypeError('x is undefined'), false],
    ['not an object', 'P1001', false],
  ])('%s → %s', (_, error, want) => expect(isDatabaseUnavailable(error)).toBe(want))
})

describe('toApiError for a lost database', () => {
  it.each([
    ['ja', 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください。'],
    ['en', 'The database is temporarily unavailable. Please try again in a few moments.'],
  ] as const)('is 503 database_unavailable with Retry-After, in %s', (lang, message) => {
    expect(toApiError(wrapped(prisma('P1001', { kind: 'DatabaseNotReachable' })), lang)).toEqual({
      statusCode: 503,
      code: 'database_unavailable',
      message,
      data: { retryAfterSeconds: 5 },
    })
  })

  it('leaves other errors as they were', () => {
    expect(toApiError(wrapped(new TypeError('x'))).statusCode).toBe(500)
    expect(toApiError(wrapped(prisma('P2002'))).statusCode).toBe(409)
  })
})

describe('fault points', () => {
  it('name their variable after the point', () => {
    expect(faultVariable('job:commissions')).toBe('FAULT_DELAY_MS_JOB_COMMISSIONS')
    expect(faultVariable('zengin:export')).toBe('FAULT_DELAY_MS_ZENGIN_EXPORT')
  })

  it('do nothing outside NODE_ENV=test, even with the variable set', async () => {
    const saved = { node: process.env.NODE_ENV, delay: process.env.FAULT_DELAY_MS_UNIT_PROBE }
    process.env.FAULT_DELAY_MS_UNIT_PROBE = '5000'
    try {
      process.env.NODE_ENV = 'production'
      const started = Date.now()
      await faultPoint('unit:probe')
      expect(Date.now() - started).toBeLessThan(100)
    } finally {
      process.env.NODE_ENV = saved.node
      if (saved.delay === undefined) delete process.env.FAULT_DELAY_MS_UNIT_PROBE
      else process.env.FAULT_DELAY_MS_UNIT_PROBE = saved.delay
    }
  })
})
