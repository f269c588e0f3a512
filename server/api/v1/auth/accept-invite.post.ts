// POST /api/v1/auth/accept-invite — set a password from an invitation link and sign in (hotel host)
import { z } from 'zod'
import { Invalid, NotFound } from '../../../lib/errors'
import { createPasswordHash } from '../../../lib/password'
import { acceptInvitation } from '../../../services/members'

const input = z.object({ token: z.string().min(20).max(200), password: z.string().min(10, 'At least 10 characters.').max(200) }).strict()

export default defineEventHandler(async (event) => {
  const tenant = event.context.tenant
  if (!tenant) throw NotFound()
  const { token, password } = await readInput(event, input)
  const user = await acceptInvitation(token, tenant.id, await createPasswordHash(password))
  if (!user) throw Invalid('This invitation link has expired or was already used. Ask your hotel for a new one.')
  await replaceUserSession(event, { user: { id: user.id, email: user.email, name: user.name }, loggedInAt: Date.now(), portal: 'hotel' })
  return { user: { id: user.id, email: user.email, name: user.name } }
})
