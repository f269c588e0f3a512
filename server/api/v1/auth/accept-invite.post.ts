// POST /api/v1/auth/accept-invite — set a password from an invitation link and sign in: a hotel's
// staff on the hotel's host, an agent's people on the root domain (their link has no hotel)
import { acceptInviteInput } from '../../../../shared/schemas/auth'
import { Invalid } from '../../../lib/errors'
import { createPasswordHash } from '../../../lib/password'
import { acceptInvitation } from '../../../services/members'

export default defineEventHandler(async (event) => {
  const tenant = event.context.tenant
  const { token, password } = await readInput(event, acceptInviteInput)
  const user = await acceptInvitation(token, tenant?.id ?? null, await createPasswordHash(password))
  if (!user || (!tenant && !user.agentId)) throw Invalid(`This invitation link has expired or was already used. Ask ${tenant ? 'your hotel' : 'OmotenasuAI HQ'} for a new one.`)
  const portal = tenant ? 'hotel' : 'agent'
  await replaceUserSession(event, { user: { id: user.id, email: user.email, name: user.name }, loggedInAt: Date.now(), portal })
  return { user: { id: user.id, email: user.email, name: user.name }, portal }
})
