// GET /api/v1/tenant/invitations — the hotel's open invitations (manager or owner)
import { listHotelInvitations } from '../../../../services/invitations'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return listHotelInvitations(db)
})
