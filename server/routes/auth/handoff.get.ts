// GET /auth/handoff?token= — on the new hotel's host: redeem the one-time token from signup and
// start the owner's session here (a cookie set on the root domain does not reach the subdomain).
import { redeemHandoffToken } from '../../services/signup'

export default defineEventHandler(async (event) => {
  const tenant = event.context.tenant
  const token = getQuery(event).token
  const user = tenant && typeof token === 'string' ? await redeemHandoffToken(token, tenant.id) : null
  if (!user) return sendRedirect(event, '/login?handoff=expired', 302)
  await replaceUserSession(event, { user: { id: user.id, email: user.email, name: user.name }, loggedInAt: Date.now(), portal: 'hotel' })
  return sendRedirect(event, '/?welcome=1', 302)
})
