// GET /api/v1/tenant/rooms — the hotel's rooms
import { listRooms } from '../../../../services/hotel'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return listRooms(db)
})
