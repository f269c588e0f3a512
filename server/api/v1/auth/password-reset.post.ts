// POST /api/v1/auth/password-reset — mail a 1-hour reset link to the address, if it has an account.
// The same 202 answer either way; limited per address (429) and per account (silently).
import { passwordResetRequestInput } from '../../../../shared/schemas/auth'
import { requestPasswordReset, RESET_REQUESTED } from '../../../services/auth'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  accepted: true,
  tag: 'Sign-in',
  security: 'none',
  summary:
    'mail a 1-hour reset link to the address if it has an account; the same answer either way; limited per ' +
    'address (429) and per account',
  body: passwordResetRequestInput,
})

export default defineEventHandler(async (event) => {
  const { email } = await readInput(event, passwordResetRequestInput)
  const tenant = event.context.tenant
  await requestPasswordReset(
    email,
    clientAddress(event),
    rootOrigin(event),
    undefined,
    tenant ? { tenantId: tenant.id, linkBase: hotelOrigin(event, tenant.slug) } : undefined,
  )
  setResponseStatus(event, 202)
  return { message: RESET_REQUESTED[requestLang(event)] }
})
