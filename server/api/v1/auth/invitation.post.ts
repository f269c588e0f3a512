// POST /api/v1/auth/invitation — what an invitation link is for (the token in the body, not the URL):
// the hotel or agent, the role, the address, and whether it needs a password or a sign-in
import { invitationTokenInput } from '../../../../shared/schemas/auth'
import { describeInvitation } from '../../../services/invitations'
import { currentUserOrNull } from '../../../services/sessions'

export default defineEventHandler(async (event) => {
  const { token } = await readInput(event, invitationTokenInput)
  const signedIn = await currentUserOrNull(event)
  return describeInvitation(token, event.context.tenant?.id ?? null, signedIn?.email ?? null)
})
