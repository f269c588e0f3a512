// POST /api/v1/auth/sign-out — ends this session: its row is revoked, so a copy of the cookie is refused too
import { endSession } from '../../../services/sessions'

export default defineEventHandler(async (event) => {
  await endSession(event)
  return { signedOut: true }
})
