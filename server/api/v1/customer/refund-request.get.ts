// GET /api/v1/customer/refund-request — the hotel's guarantee and its current and past requests
// with their steps (owner)
import { hotelRefundRequests } from '../../../services/refund-requests'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's guarantee and its current and past refund requests with their steps (owner)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  return hotelRefundRequests(db)
})
