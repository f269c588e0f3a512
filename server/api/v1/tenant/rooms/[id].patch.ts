// PATCH /api/v1/tenant/rooms/:id — change a room (manager or owner; audited)
import { roomUpdate } from '../../../../../shared/schemas/rooms'
import { updateRoom } from '../../../../services/hotel'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, roomUpdate)
  return updateRoom(db, routeParam(event, 'id'), input, (tx, before, after) => writeAudit(tx, event, { action: 'update', entity: 'room', entityId: after.id, before, after }))
})
