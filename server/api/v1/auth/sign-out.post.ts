// POST /api/v1/auth/sign-out — ends this session: its row is revoked, so a copy of the cookie is refused too
import { endSession } from '../../../services/sessions'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'any',
  summary: 'ends this session: its row is revoked, so a copy of the cookie is refused too',
})

export default defineEventHandler(async (event) => {
  await endSession(event)
  return { signedOut: true }
})
