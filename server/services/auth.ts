// Sign-in, password reset and password change. Every path does the same work whether the account
// exists, waits for its first password or is active (a password hash is always computed), and
// throttling never lets a stranger lock a real user out (shared/domain/throttle.ts).
import { privilegedDb } from '../db/index.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { Forbidden, Invalid, msg, TooManyRequests, Unauthorized, type LocalizedMessage } from '../lib/errors.ts'
import { checkPassword, createPasswordHash, DUMMY_PASSWORD_HASH } from '../lib/password.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import {
  ADDRESS_LIMITS,
  addressKey,
  afterAccountFailure,
  afterFailure,
  PAIR_LIMITS,
  RESET_ACCOUNT_LIMITS,
  RESET_ADDRESS_LIMITS,
  retryAfterSeconds,
  slowdownWaitSeconds,
  type ThrottleLimits,
  type ThrottleState,
} from '../../shared/domain/throttle.ts'
import { enqueueMail, deliverMailSoon } from './mail.ts'
import { revokeSessions, type Portal } from './sessions.ts'
import type { ResolvedTenant } from './tenant-directory.ts'
import { recordAudit, userActor } from './audit.ts'

export type { Portal }

const WRONG = msg(
  'wrong_credentials',
  'メールアドレスまたはパスワードが正しくありません。',
  'The email or password is incorrect.',
)
export const RESET_TTL_MS = 60 * 60_000

type Tx = Prisma.TransactionClient
type Row = { failures: number; window_started_at: Date; locked_until: Date | null; last_failure_at: Date | null }

function waitMessage(seconds: number): LocalizedMessage {
  const minutes = Math.ceil(seconds / 60)
  return seconds < 60
    ? msg(
        'too_many_attempts',
        `試行が多すぎます。${seconds}秒後にもう一度お試しください。`,
        `Too many attempts. Try again in ${seconds} second(s).`,
      )
    : msg(
        'too_many_attempts',
        `試行が多すぎます。${minutes}分後にもう一度お試しください。`,
        `Too many attempts. Try again in ${minutes} minute(s).`,
      )
}

const state = (row: {
  failures: number
  windowStartedAt: Date
  lockedUntil: Date | null
  lastFailureAt: Date | null
}): ThrottleState => row

async function throttleStates(keys: string[]) {
  const rows = await privilegedDb().authThrottle.findMany({ where: { key: { in: keys } } })
  return new Map(rows.map((r) => [r.key, state(r)]))
}

/** Adds one failure to `key` under a row lock; `next` is the pure rule. */
async function recordFailure(
  key: string,
  next: (prev: ThrottleState | null) => ThrottleState,
  now: Date,
): Promise<ThrottleState> {
  return (await countAttempt(key, next, now)).state
}

/**
 * Under `key`'s row lock: `next` gives the state after one more attempt, or null to refuse it (then
 * nothing is written and `state` is the current one).
 */
async function countAttempt(
  key: string,
  next: (prev: ThrottleState | null) => ThrottleState | null,
  now: Date,
): Promise<{ state: ThrottleState; counted: boolean }> {
  return privilegedDb().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO auth_throttles (key, failures, window_started_at) VALUES (${key}, 0, ${now}) ON
      CONFLICT (key) DO NOTHING`
    const [row] = await tx.$queryRaw<
      Row[]
    >`SELECT failures, window_started_at, locked_until, last_failure_at FROM auth_throttles WHERE key = ${key} FOR
      UPDATE`
    const prev =
      row!.failures === 0
        ? null
        : {
            failures: row!.failures,
            windowStartedAt: row!.window_started_at,
            lockedUntil: row!.locked_until,
            lastFailureAt: row!.last_failure_at,
          }
    const after = next(prev)
    if (!after)
      return {
        state: prev ?? { failures: 0, windowStartedAt: now, lockedUntil: null, lastFailureAt: null },
        counted: false,
      }
    await tx.authThrottle.update({ where: { key }, data: after })
    return { state: after, counted: true }
  })
}

const limited = (limits: ThrottleLimits) => (prev: ThrottleState | null, now: Date) => afterFailure(prev, now, limits)

/**
 * Counts one more use of `key` (an action that mails someone) and refuses it with 429 once
 * `limits.maxFailures` uses fell within the window, until the lock ends.
 */
export async function spendQuota(key: string, limits: ThrottleLimits, now = new Date()): Promise<void> {
  const states = await throttleStates([key])
  const wait = retryAfterSeconds(states.get(key) ?? null, now)
  if (wait > 0) throw TooManyRequests(waitMessage(wait), wait)
  // Judged on the count after this use, taken under the row lock: a burst read in parallel above
  // cannot all pass.
  const after = await recordFailure(key, (p) => limited(limits)(p, now), now)
  if (after.failures > limits.maxFailures)
    throw TooManyRequests(waitMessage(retryAfterSeconds(after, now)), retryAfterSeconds(after, now))
}

function keysFor(email: string, address: string) {
  const where = addressKey(address)
  return { pair: `pair:${email}|${where}`, address: `address:${where}`, account: `account:${email}` }
}

/**
 * Checks an email and password from `address`, throttled: refused while the (account, address)
 * pair or the address is locked, or while the account's slowdown delay runs. Returns the user.
 * The password hash is computed for unknown, pending and disabled accounts alike.
 */
export async function verifyCredentials(rawEmail: string, password: string, address: string, now = new Date()) {
  const email = rawEmail.trim().toLowerCase()
  const keys = keysFor(email, address)
  // The account's slowdown spares an address the person signed in from before: strangers keep
  // restarting its delay, so otherwise the real user could be refused for as long as they go on.
  const known = await signedInFromBefore(email, address, now)
  const states = await throttleStates([keys.pair, keys.address, keys.account])
  const wait = Math.max(
    retryAfterSeconds(states.get(keys.pair) ?? null, now),
    retryAfterSeconds(states.get(keys.address) ?? null, now),
    known ? 0 : slowdownWaitSeconds(states.get(keys.account) ?? null, now),
  )
  if (wait > 0) throw TooManyRequests(waitMessage(wait), wait)

  // The attempt is counted before its password is checked, under each counter's row lock, and
  // judged on the count that includes it: a burst of parallel attempts all read the states above
  // before any was counted, and used to get a password check each. A right password gives the
  // count back.
  const [pair, byAddress, account] = await Promise.all([
    recordFailure(keys.pair, (p) => limited(PAIR_LIMITS)(p, now), now),
    recordFailure(keys.address, (p) => limited(ADDRESS_LIMITS)(p, now), now),
    countAttempt(
      keys.account,
      (p) => (!known && slowdownWaitSeconds(p, now) > 0 ? null : afterAccountFailure(p, now)),
      now,
    ),
  ])
  const refused = Math.max(
    pair.failures > PAIR_LIMITS.maxFailures ? retryAfterSeconds(pair, now) : 0,
    byAddress.failures > ADDRESS_LIMITS.maxFailures ? retryAfterSeconds(byAddress, now) : 0,
    account.counted ? 0 : Math.max(1, slowdownWaitSeconds(account.state, now)),
  )
  if (refused > 0) throw TooManyRequests(waitMessage(refused), refused)

  const user = await privilegedDb().user.findUnique({ where: { email }, include: { memberships: true, agent: true } })
  const hash = user?.passwordHash?.startsWith('scrypt$') ? user.passwordHash : DUMMY_PASSWORD_HASH
  const valid = await checkPassword(hash, password)
  if (!user || !valid || hash === DUMMY_PASSWORD_HASH || user.disabled) {
    const after = Math.max(retryAfterSeconds(pair, now), retryAfterSeconds(byAddress, now))
    if (after > 0) throw TooManyRequests(waitMessage(after), after)
    throw Unauthorized(WRONG)
  }
  await privilegedDb().authThrottle.deleteMany({ where: { key: { in: [keys.pair, keys.account] } } })
  await privilegedDb().$executeRaw`UPDATE auth_throttles SET failures = GREATEST(failures - 1, 0),
    locked_until = CASE WHEN failures - 1 < ${ADDRESS_LIMITS.maxFailures} THEN NULL ELSE locked_until END WHERE key =
      ${keys.address}`
  return user
}

const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000

/** Whether `email` started a session from `address` (IPv6 by its /64) within the last 30 days. */
async function signedInFromBefore(email: string, address: string, now: Date): Promise<boolean> {
  const sessions = await privilegedDb().userSession.findMany({
    where: { user: { email }, createdAt: { gt: new Date(now.getTime() - KNOWN_ADDRESS_MS) }, ip: { not: null } },
    select: { ip: true },
    orderBy: { createdAt: 'desc' },
    take: 100,
  })
  const where = addressKey(address)
  return sessions.some((s) => addressKey(s.ip!) === where)
}

export interface SignInInput {
  email: string
  password: string
  portal: Portal
}

/** The signed-in user, or a domain error. `tenant` is the hotel of the Host (hotel portal only). */
export async function signIn(input: SignInInput, address: string, tenant: ResolvedTenant | null, now = new Date()) {
  const user = await verifyCredentials(input.email, input.password, address, now)
  if (input.portal === 'hotel' && !(tenant && user.memberships.some((m) => m.tenantId === tenant.id))) {
    throw Forbidden(
      msg(
        'no_access_to_hotel',
        'このアカウントはこのホテルを利用できません。ご自分のホテルのアドレスでサインインしてください。',
        'This account has no access to this hotel. Sign in on your own hotel’s address.',
      ),
    )
  }
  if (input.portal === 'agent' && (!user.agent || user.agent.status !== 'active'))
    throw Forbidden(
      msg(
        'not_an_active_agent',
        'このアカウントは有効な代理店アカウントではありません。',
        'This account is not an active sales agent account.',
      ),
    )
  if (input.portal === 'hq' && !user.isHqAdmin)
    throw Forbidden(
      msg('hq_only', 'このアカウントには本部へのアクセス権がありません。', 'This account has no HQ access.'),
    )
  await privilegedDb().user.update({ where: { id: user.id }, data: { lastSignInAt: now } })
  return { user: { id: user.id, email: user.email, name: user.name }, verifiedHash: user.passwordHash }
}

// ---------------------------------------------------------------- password reset

export const RESET_REQUESTED = msg(
  'password_reset_requested',
  'このメールアドレスのアカウントがあれば、パスワード再設定のご案内をお送りしました。' +
    '1時間以内にメールのリンクを開いてください。',
  'If an account uses this address, we have sent it a link to reset the password. Open it within an hour.',
)

/**
 * Mails a 1-hour reset link to the account's own address. The answer is the same whether or not
 * the address has an account; requests are limited per address (429) and per account (silently).
 * `linkBase` is the root origin and `hotel` the host's hotel, whose origin the link uses only for its
 * members (both from APP_DOMAIN, never the request's Host header).
 */
export async function requestPasswordReset(
  rawEmail: string,
  address: string,
  linkBase: string,
  now = new Date(),
  hotel?: { tenantId: string; linkBase: string },
): Promise<void> {
  const email = rawEmail.trim().toLowerCase()
  const byAddress = `reset-address:${addressKey(address)}`
  const byAccount = `reset-account:${email}`
  const states = await throttleStates([byAddress, byAccount])
  const wait = retryAfterSeconds(states.get(byAddress) ?? null, now)
  if (wait > 0) throw TooManyRequests(waitMessage(wait), wait)
  // Every request counts, found or not: the counters are the rate limit, not failures.
  await recordFailure(byAddress, (p) => limited(RESET_ADDRESS_LIMITS)(p, now), now)
  const account = await recordFailure(byAccount, (p) => limited(RESET_ACCOUNT_LIMITS)(p, now), now)
  if (account.failures > RESET_ACCOUNT_LIMITS.maxFailures) return

  const user = await privilegedDb().user.findUnique({ where: { email } })
  if (!user || user.disabled) return
  // Not awaited: the answer must take as long for an address with an account as for one without
  // (the token, mail and audit writes took ~5 ms more, enough to tell them apart).
  void issueResetLink(user, address, linkBase, now, hotel).catch((error) =>
    console.error('[auth] password reset mail not filed:', (error as Error).message),
  )
}

async function issueResetLink(
  user: { id: string; email: string; name: string; locale: string },
  address: string,
  rootBase: string,
  now: Date,
  hotel?: { tenantId: string; linkBase: string },
) {
  // The hotel's host only for its own members: anyone can sign up a hotel, and its host should not
  // frame the reset link of an HQ admin, an agent or another hotel's staff.
  const member = hotel
    ? await privilegedDb().tenantMembership.findUnique({
        where: { tenantId_userId: { tenantId: hotel.tenantId, userId: user.id } },
        select: { userId: true },
      })
    : null
  const linkBase = member && hotel ? hotel.linkBase : rootBase
  const token = newToken()
  await privilegedDb().$transaction(async (tx) => {
    await tx.signInToken.updateMany({
      where: { userId: user.id, kind: 'password_reset', usedAt: null },
      data: { usedAt: now },
    })
    await tx.signInToken.create({
      data: {
        kind: 'password_reset',
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      },
    })
    await enqueueMail(tx, {
      to: user.email,
      locale: user.locale === 'en' ? 'en' : 'ja',
      template: 'password_reset',
      data: {
        name: user.name,
        url: `${linkBase}/reset-password?token=${token}`,
        expiresInMinutes: RESET_TTL_MS / 60_000,
      },
    })
    await recordAudit(tx, userActor(user.id, address), {
      action: 'request',
      entity: 'password_reset',
      entityId: user.id,
    })
  })
  deliverMailSoon()
}

const RESET_INVALID = msg(
  'reset_link_invalid',
  'このパスワード再設定リンクは期限切れか、すでに使われています。もう一度お手続きください。',
  'This password reset link has expired or was already used. Please ask for a new one.',
)

/** Sets a new password from a reset link (checked before any hashing); ends every session. */
export async function resetPassword(token: string, password: string, address: string, now = new Date()) {
  const row = await privilegedDb().signInToken.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!row || row.kind !== 'password_reset' || row.usedAt || row.expiresAt <= now) throw Invalid(RESET_INVALID)
  const passwordHash = await createPasswordHash(password)
  const user = await privilegedDb().$transaction(async (tx) => {
    const used = await tx.signInToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } })
    if (used.count !== 1) throw Invalid(RESET_INVALID)
    const changed = await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await revokeSessions(tx, { userId: row.userId }, 'password_reset', now)
    await afterPasswordChange(tx, changed, 'password_reset', address, now)
    return changed
  })
  await privilegedDb().authThrottle.deleteMany({ where: { key: `account:${user.email}` } })
  deliverMailSoon()
  return { id: user.id, email: user.email }
}

/** A signed-in person changes their password (the current one required); their other sessions end. */
export async function changePassword(
  userId: string,
  currentSessionId: string,
  current: string,
  next: string,
  address: string,
  now = new Date(),
) {
  const user = await privilegedDb().user.findUniqueOrThrow({ where: { id: userId } })
  try {
    await verifyCredentials(user.email, current, address, now)
  } catch (error) {
    if ((error as { kind?: string }).kind === 'unauthorized') {
      throw Invalid(
        msg('wrong_current_password', '現在のパスワードが正しくありません。', 'The current password is incorrect.'),
        { fields: { currentPassword: 'wrong' } },
      )
    }
    throw error
  }
  const passwordHash = await createPasswordHash(next)
  await privilegedDb().$transaction(async (tx) => {
    const changed = await tx.user.update({ where: { id: userId }, data: { passwordHash } })
    await revokeSessions(tx, { userId, NOT: { id: currentSessionId } }, 'password_change', now)
    await afterPasswordChange(tx, changed, 'password_change', address, now)
  })
  deliverMailSoon()
}

async function afterPasswordChange(
  tx: Tx,
  user: { id: string; email: string; name: string; locale: string },
  how: string,
  address: string,
  now: Date,
) {
  await tx.signInToken.updateMany({
    where: { userId: user.id, kind: 'password_reset', usedAt: null },
    data: { usedAt: now },
  })
  await enqueueMail(tx, {
    to: user.email,
    locale: user.locale === 'en' ? 'en' : 'ja',
    template: 'password_changed',
    data: { name: user.name, at: now },
  })
  await recordAudit(tx, userActor(user.id, address), {
    action: 'update',
    entity: 'password',
    entityId: user.id,
    after: { how },
  })
}
