// GET /api/v1/tenant/subscription — plan, cycle, monthly fee, next invoice date, guarantee
import { subscriptionSummary } from '../../../services/subscription'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return subscriptionSummary(db)
})
