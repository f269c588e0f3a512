// Sessions that end when they should: the sealed cookie (nuxt-auth-utils) carries only the id of a
// `user_sessions` row, checked on every request. Sign-out, a password change or reset, removal from
// a hotel, and suspension of a hotel, an agent or an account revoke rows, and the next request with
// the old cookie is refused at once.
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { privilegedDb } from '../db/index.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { msg, Unauthorized } from '../lib/errors.ts'
import { newToken } from '../lib/tokens.ts'
import { clientAddressOrNull } from '../utils/request.ts'
import { recordAudit, type Actor } from './audit.ts'

export type Portal = 'hotel' | 'agent' | 'hq'
type Db = Pick<Prisma.TransactionClient, 'userSession'>

export const SESSION_TTL_MS = 8 * 60 * 60_000
/** last_seen_at is refreshed at most this often (a write per request would double the cost). */
const TOUCH_EVERY_MS = 5 * 60_000

export const SESSION_ENDED = msg(
  'session_ended',
  'セッションが終了しました。もう一度サインインしてください。',
  'Your session has ended. Please sign in again.',
)

const PASSWORD_CHANGED = msg(
  'password_changed_meanwhile',
  'パスワードが変更されたため、サインインできませんでした。新しいパスワードでもう一度お試しください。',
  'The password was just changed, so you were not signed in. Try again with the new password.',
)

export interface SessionUser {
  id: string
  email: string
  name: string
}

/**
 * Starts a session on this host: a row, then the sealed cookie naming it. A session the cookie
 * named before (another sign-in in this browser) is revoked, not left live for whoever copied it.
 */
export async function startSession(
  event: H3Event,
  user: SessionUser,
  portal: Portal,
  hostTenantId: string | null,
  now = new Date(),
  verifiedHash?: string,
) {
  const previous = (await getUserSession(event)).sid
  if (typeof previous === 'string') await revokeSessions(privilegedDb(), { id: previous }, 'replaced')
  const id = newToken(24)
  await privilegedDb().$transaction(async (tx) => {
    // Signed in by password: the row is created only while that password is still the account's,
    // under a share lock on the user, so a reset or change committing after the check (which
    // revokes every session it sees) cannot miss this one.
    if (verifiedHash !== undefined) {
      const [row] = await tx.$queryRaw<
        { password_hash: string }[]
      >`SELECT password_hash FROM users WHERE id = ${user.id} FOR SHARE`
      if (!row || row.password_hash !== verifiedHash) throw Unauthorized(PASSWORD_CHANGED)
    }
    await tx.userSession.create({
      data: {
        id,
        userId: user.id,
        portal,
        hostTenantId,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        createdAt: now,
        lastSeenAt: now,
        ip: clientAddressOrNull(event),
        userAgent: getRequestHeader(event, 'user-agent')?.slice(0, 300) ?? null,
      },
    })
  })
  await replaceUserSession(event, {
    user: { id: user.id, email: user.email, name: user.name },
    sid: id,
    portal,
    loggedInAt: now.getTime(),
  })
  return id
}

/** The live session of this request and its user, or 401 (the cookie is cleared). */
export async function liveSession(event: H3Event, now = new Date()) {
  const session = await getUserSession(event)
  if (!session.user) throw Unauthorized()
  const row =
    typeof session.sid === 'string'
      ? await privilegedDb().userSession.findUnique({ where: { id: session.sid }, include: { user: true } })
      : null
  if (!row || row.revokedAt || row.expiresAt <= now || row.userId !== session.user.id || row.user.disabled) {
    await clearUserSession(event)
    throw Unauthorized(SESSION_ENDED)
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await privilegedDb().userSession.updateMany({ where: { id: row.id }, data: { lastSeenAt: now } })
  }
  return { session: row, user: row.user }
}

/** Revokes the sessions `where` selects (never throws for none). */
export async function revokeSessions(
  db: Db,
  where: Prisma.UserSessionWhereInput,
  reason: string,
  now = new Date(),
): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  })
  return count
}

/** Revokes every session of a person, on every host (audited); returns how many ended. */
export async function signOutEverywhere(userId: string, actor: Actor): Promise<number> {
  return privilegedDb().$transaction(async (tx) => {
    const count = await revokeSessions(tx, { userId }, 'sign_out_everywhere')
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'user_session',
      entityId: userId,
      after: { sessions: count },
    })
    return count
  })
}

/** Ends this request's session (sign-out): the row is revoked, then the cookie cleared. */
export async function endSession(event: H3Event): Promise<void> {
  const session = await getUserSession(event)
  if (typeof session.sid === 'string') await revokeSessions(privilegedDb(), { id: session.sid }, 'sign_out')
  await clearUserSession(event)
}

/** The person signed in on this host by a live session, or null (nothing is thrown or cleared). */
export async function currentUserOrNull(
  event: H3Event,
  now = new Date(),
): Promise<{ id: string; email: string } | null> {
  const session = await getUserSession(event)
  if (!session.user || typeof session.sid !== 'string') return null
  const row = await privilegedDb().userSession.findUnique({
    where: { id: session.sid },
    include: { user: { select: { id: true, email: true, disabled: true } } },
  })
  if (!row || row.revokedAt || row.expiresAt <= now || row.user.disabled) return null
  return { id: row.user.id, email: row.user.email }
}
