// POST /api/v1/auth/sign-in — email + password for one portal: hotel (on its host), agent or HQ
import { signInInput } from '../../../../shared/schemas/auth'
import { signIn } from '../../../services/auth'
import { NotFound } from '../../../lib/errors'

export default defineEventHandler(async (event) => {
  const input = await readInput(event, signInInput)
  const tenant = event.context.tenant
  if ((input.portal === 'hotel') !== Boolean(tenant)) throw NotFound('Sign in on the right address: hotels on their own address, agents and HQ on the main site.')
  const address = getRequestIP(event, { xForwardedFor: process.env.TRUST_PROXY === '1' }) ?? 'unknown'
  const user = await signIn(input, address, tenant)
  await replaceUserSession(event, { user, loggedInAt: Date.now(), portal: input.portal })
  return { user, portal: input.portal }
})
