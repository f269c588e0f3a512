// POST /api/v1/auth/sign-out-everywhere — ends every session of the signed-in person, on every host (audited)
import { endSession, signOutEverywhere } from '../../../services/sessions'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'any',
  summary: 'end every session of the signed-in person, on every host (audited)',
})

export default defineEventHandler(async (event) => {
  const { user } = await requireSignedIn(event)
  const ended = await signOutEverywhere(user.id, auditActor(event))
  await endSession(event)
  return { signedOut: true, sessionsEnded: ended }
})
