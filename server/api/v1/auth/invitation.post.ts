// POST /api/v1/auth/invitation — what an invitation link is for (the token in the body, not the URL):
// the hotel or agent, the role, the address, and whether it needs a password or a sign-in
import { invitationTokenInput } from '../../../../shared/schemas/auth'
import { describeInvitation } from '../../../services/invitations'
import { currentUserOrNull } from '../../../services/sessions'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'none',
  summary:
    'what an invitation link is for: the hotel or agent, the role, the address, and whether it needs a new ' +
    "password or the existing account's",
  body: invitationTokenInput,
})

export default defineEventHandler(async (event) => {
  const { token } = await readInput(event, invitationTokenInput)
  const signedIn = await currentUserOrNull(event)
  return describeInvitation(token, event.context.tenant?.id ?? null, signedIn?.email ?? null)
})
