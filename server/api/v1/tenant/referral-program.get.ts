// GET /api/v1/tenant/referral-program — benefits computed for this hotel, its referrals, VIP status
import { referralProgram } from '../../../services/customer-referrals'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'benefits computed for this hotel, its referrals, VIP status',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return referralProgram(db, rootOrigin(event))
})
