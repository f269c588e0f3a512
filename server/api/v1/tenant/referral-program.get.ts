// GET /api/v1/tenant/referral-program — benefits computed for this hotel, its referrals, VIP status
import { referralProgram } from '../../../services/customer-referrals'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return referralProgram(db, rootOrigin(event))
})
