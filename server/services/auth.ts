// Sign-in: password check with per-account and per-address throttling of failures.
import { privilegedDb } from '../db/index.ts'
import { Forbidden, TooManyRequests, Unauthorized } from '../lib/errors.ts'
import { checkPassword, DUMMY_PASSWORD_HASH } from '../lib/password.ts'
import { ACCOUNT_LIMITS, ADDRESS_LIMITS, afterFailure, retryAfterSeconds, type ThrottleLimits } from '../../shared/domain/throttle.ts'
import type { ResolvedTenant } from './tenant-directory.ts'

export type Portal = 'hotel' | 'agent' | 'hq'

const WRONG = 'The email or password is incorrect.'

async function lockedFor(keys: string[], now: Date): Promise<number> {
  const rows = await privilegedDb().authThrottle.findMany({ where: { key: { in: keys } } })
  return Math.max(0, ...rows.map((row) => retryAfterSeconds(row, now)))
}

async function recordFailure(key: string, limits: ThrottleLimits, now: Date): Promise<void> {
  await privilegedDb().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO auth_throttles (key, failures, window_started_at) VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`
    const [row] = await tx.$queryRaw<{ failures: number; window_started_at: Date; locked_until: Date | null }[]>`SELECT failures, window_started_at, locked_until FROM auth_throttles WHERE key = ${key} FOR UPDATE`
    const prev = row!.failures === 0 ? null : { failures: row!.failures, windowStartedAt: row!.window_started_at, lockedUntil: row!.locked_until }
    const next = afterFailure(prev, now, limits)
    await tx.authThrottle.update({ where: { key }, data: next })
  })
}

function minutes(seconds: number): string {
  return `${Math.ceil(seconds / 60)} minute(s)`
}

export interface SignInInput { email: string; password: string; portal: Portal }

/** The signed-in user, or a domain error. `tenant` is the hotel of the Host (hotel portal only). */
export async function signIn(input: SignInInput, address: string, tenant: ResolvedTenant | null, now = new Date()) {
  const email = input.email.trim().toLowerCase()
  const accountKey = `account:${email}`
  const addressKey = `address:${address}`
  const wait = await lockedFor([accountKey, addressKey], now)
  if (wait > 0) throw TooManyRequests(`Too many failed sign-ins. Try again in ${minutes(wait)}.`, wait)

  const user = await privilegedDb().user.findUnique({ where: { email }, include: { memberships: true, agent: true } })
  const valid = await checkPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, input.password)
  if (!user || !valid || user.disabled) {
    await recordFailure(accountKey, ACCOUNT_LIMITS, now)
    await recordFailure(addressKey, ADDRESS_LIMITS, now)
    const after = await lockedFor([accountKey, addressKey], now)
    if (after > 0) throw TooManyRequests(`Too many failed sign-ins. Try again in ${minutes(after)}.`, after)
    throw Unauthorized(WRONG)
  }

  if (input.portal === 'hotel' && !(tenant && user.memberships.some((m) => m.tenantId === tenant.id))) {
    throw Forbidden('This account has no access to this hotel. Sign in on your own hotel’s address.')
  }
  if (input.portal === 'agent' && (!user.agent || user.agent.status !== 'active')) throw Forbidden('This account is not an active sales agent account.')
  if (input.portal === 'hq' && !user.isHqAdmin) throw Forbidden('This account has no HQ access.')

  await privilegedDb().authThrottle.deleteMany({ where: { key: accountKey } })
  await privilegedDb().user.update({ where: { id: user.id }, data: { lastSignInAt: now } })
  return { id: user.id, email: user.email, name: user.name }
}
