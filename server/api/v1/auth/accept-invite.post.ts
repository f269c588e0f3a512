// POST /api/v1/auth/accept-invite — accept an invitation on its host (a hotel's on the hotel's host,
// an agent's on the root domain): signed in as the invited address, with that account's password,
// or, for a new address, with a password to create the account. Starts a session in that portal.
import { acceptInviteInput } from '../../../../shared/schemas/auth'
import { acceptInvitation } from '../../../services/invitations'
import { currentUserOrNull, startSession } from '../../../services/sessions'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'none',
  summary:
    "accept an invitation on its host (a hotel's on the hotel's host, an agent's on the root domain): signed in " +
    "as the invited address, with that account's own password, or, for a new address, with a password that " +
    'creates the account; starts a session',
  body: acceptInviteInput,
})

export default defineEventHandler(async (event) => {
  const input = await readInput(event, acceptInviteInput)
  const hostTenantId = event.context.tenant?.id ?? null
  const signedIn = await currentUserOrNull(event)
  const { user, portal, verifiedHash } = await acceptInvitation(input, hostTenantId, signedIn, clientAddress(event))
  await startSession(event, user, portal, hostTenantId, undefined, verifiedHash)
  return { user, portal }
})
