// DELETE /api/v1/tenant/rooms/:id — remove a room (manager or owner; audited)
import { removeRoom } from '../../../../services/hotel'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  await removeRoom(db, routeParam(event, 'id'), (tx, before) =>
    writeAudit(tx, event, { action: 'delete', entity: 'room', entityId: before.id, before }),
  )
  setResponseStatus(event, 204)
  return null
})
