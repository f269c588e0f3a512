// POST /api/v1/auth/sign-out-everywhere — ends every session of the signed-in person, on every host (audited)
import { privilegedDb } from '../../../db/index'
import { endSession, revokeSessions } from '../../../services/sessions'

export default defineEventHandler(async (event) => {
  const { user } = await requireSignedIn(event)
  const ended = await privilegedDb().$transaction(async (tx) => {
    const count = await revokeSessions(tx, { userId: user.id }, 'sign_out_everywhere')
    await writeAudit(tx, event, {
      action: 'revoke',
      entity: 'user_session',
      entityId: user.id,
      tenantId: null,
      after: { sessions: count },
    })
    return count
  })
  await endSession(event)
  return { signedOut: true, sessionsEnded: ended }
})
