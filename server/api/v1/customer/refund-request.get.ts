// GET /api/v1/customer/refund-request — the hotel's guarantee and its current and past requests
// with their steps (owner)
import { hotelRefundRequests } from '../../../services/refund-requests'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  return hotelRefundRequests(db)
})
