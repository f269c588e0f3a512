// POST /api/v1/auth/password-reset/confirm — set a new password from a reset link (single use);
// every session of the person ends, and a notice is mailed
import { passwordResetInput } from '../../../../../shared/schemas/auth'
import { resetPassword } from '../../../../services/auth'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'none',
  summary: 'set a new password from a reset link (single use); every session of the person ends',
  body: passwordResetInput,
})

export default defineEventHandler(async (event) => {
  const { token, password } = await readInput(event, passwordResetInput)
  const user = await resetPassword(token, password, clientAddress(event))
  return { reset: true, email: user.email }
})
