// DELETE /api/v1/tenant/rooms/:id — remove a room (manager or owner; audited)
import { removeRoom } from '../../../../services/hotel'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'remove a room (manager or owner; audited)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  await removeRoom(db, routeParam(event, 'id'), auditActor(event))
  setResponseStatus(event, 204)
  return null
})
