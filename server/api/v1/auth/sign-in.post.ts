// POST /api/v1/auth/sign-in — email + password for one portal: hotel (on its host), agent or HQ
import { signInInput } from '../../../../shared/schemas/auth'
import { signIn } from '../../../services/auth'
import { msg, NotFound } from '../../../lib/errors'
import { startSession } from '../../../services/sessions'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'none',
  summary: 'email + password for one portal: hotel (on its host), agent or HQ',
  body: signInInput,
})

export default defineEventHandler(async (event) => {
  const input = await readInput(event, signInInput)
  const tenant = event.context.tenant
  if ((input.portal === 'hotel') !== Boolean(tenant)) {
    throw NotFound(
      msg(
        'wrong_address',
        '正しいアドレスでサインインしてください。ホテルは各ホテルのアドレス、代理店と本部はメインサイトです。',
        'Sign in on the right address: hotels on their own address, agents and HQ on the main site.',
      ),
    )
  }
  const { user, verifiedHash } = await signIn(input, clientAddress(event), tenant)
  await startSession(event, user, input.portal, tenant?.id ?? null, undefined, verifiedHash)
  return { user, portal: input.portal }
})
