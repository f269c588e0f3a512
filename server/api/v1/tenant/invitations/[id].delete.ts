// DELETE /api/v1/tenant/invitations/:id — withdraw an open invitation (manager or owner; audited)
import { revokeHotelInvitation } from '../../../../services/invitations'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'withdraw an open invitation (manager or owner; audited)',
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event, { role: 'manager' })
  await revokeHotelInvitation(db, membership.role, routeParam(event, 'id'), auditActor(event))
  setResponseStatus(event, 204)
  return null
})
