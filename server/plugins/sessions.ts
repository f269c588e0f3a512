// nuxt-auth-utils' own endpoints follow our sessions: GET /api/_auth/session answers nothing for a
// revoked or expired session, or a disabled account's (and clears the cookie), and its DELETE revokes the row too.
import { privilegedDb } from '../db/index.ts'
import { Unauthorized } from '../lib/errors.ts'
import { revokeSessions, SESSION_ENDED } from '../services/sessions.ts'

export default defineNitroPlugin(() => {
  sessionHooks.hook('fetch', async (session, event) => {
    const sid = (session as { sid?: unknown }).sid
    const userId = (session as { user?: { id?: unknown } }).user?.id
    const row =
      typeof sid === 'string'
        ? await privilegedDb().userSession.findUnique({
            where: { id: sid },
            select: { revokedAt: true, expiresAt: true, userId: true, user: { select: { disabled: true } } },
          })
        : null
    // The same checks as liveSession (server/services/sessions.ts), a disabled account included.
    if (!row || row.revokedAt || row.expiresAt <= new Date() || row.userId !== userId || row.user.disabled) {
      await clearUserSession(event)
      throw Unauthorized(SESSION_ENDED)
    }
  })
  sessionHooks.hook('clear', async (session) => {
    const sid = (session as { sid?: unknown }).sid
    if (typeof sid === 'string') await revokeSessions(privilegedDb(), { id: sid }, 'sign_out')
  })
})
