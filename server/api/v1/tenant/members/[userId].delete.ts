// DELETE /api/v1/tenant/members/:userId — remove someone from the hotel (audited)
import { removeMember } from '../../../../services/members'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'remove someone from the hotel (audited)',
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event, { role: 'manager' })
  await removeMember(db, membership.role, routeParam(event, 'userId'), auditActor(event))
  setResponseStatus(event, 204)
  return null
})
