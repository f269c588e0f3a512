// GET /api/v1/tenant/rooms — the hotel's rooms
import { listRooms } from '../../../../services/hotel'
import { defineApiMeta } from '../../../../openapi/meta'
import { roomList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's rooms",
  response: roomList,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return listRooms(db)
})
