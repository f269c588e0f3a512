// GET /api/v1/tenant/subscription — plan, cycle, monthly fee, next invoice date, guarantee
import { subscriptionSummary } from '../../../services/subscription'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'plan, cycle, monthly fee, next invoice date, guarantee',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return subscriptionSummary(db)
})
