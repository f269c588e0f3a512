// POST /api/v1/tenant/rooms — add a room (manager or owner; audited)
import { roomInput } from '../../../../../shared/schemas/rooms'
import { addRoom } from '../../../../services/hotel'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'add a room (manager or owner; audited)',
  body: roomInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, roomInput)
  setResponseStatus(event, 201)
  return addRoom(db, input, auditActor(event))
})
