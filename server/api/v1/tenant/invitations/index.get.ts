// GET /api/v1/tenant/invitations — the hotel's open invitations (manager or owner)
import { listHotelInvitations } from '../../../../services/invitations'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's open invitations (manager or owner)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return listHotelInvitations(db)
})
