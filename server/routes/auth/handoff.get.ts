// GET /auth/handoff?token= — on the new hotel's host: redeem the one-time hand-over token from signup
// and start the owner's session here (a cookie set on the root domain does not reach the subdomain).
// Only a token of kind 'handoff' works here; invitation and reset tokens are refused.
import { redeemHandoffToken } from '../../services/signup'
import { startSession } from '../../services/sessions'

export default defineEventHandler(async (event) => {
  const tenant = event.context.tenant
  const token = getQuery(event).token
  const user = tenant && typeof token === 'string' ? await redeemHandoffToken(token, tenant.id) : null
  if (!user) return sendRedirect(event, '/login?handoff=expired', 302)
  await startSession(event, user, 'hotel', tenant!.id)
  return sendRedirect(event, '/?welcome=1', 302)
})
