// GET /api/v1/auth/me — who is signed in here and what they may open on this host
import { agentSummary } from '../../../services/agents'
import { defineApiMeta } from '../../../openapi/meta'
import { signedInResponse } from '../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Sign-in',
  security: 'any',
  summary: 'who is signed in here and what they may open on this host',
  response: signedInResponse,
})

export default defineEventHandler(async (event) => {
  const { user } = await requireSignedIn(event)
  const tenant = event.context.tenant
  if (tenant) {
    const { membership } = await requireTenantMember(event)
    return {
      user: { id: user.id, email: user.email, name: user.name },
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      role: membership.role,
    }
  }
  const agent = await agentSummary(user.agentId)
  return { user: { id: user.id, email: user.email, name: user.name }, isHqAdmin: user.isHqAdmin, agent }
})
