// GET /api/v1/tenant — the signed-in hotel's summary for its dashboard
import { hotelSummary } from '../../../services/hotel'

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event)
  return { ...(await hotelSummary(db)), role: membership.role }
})
