// GET /api/v1/tenant/entitlements — what the hotel's plan includes: features, room limit and use
import { tenantEntitlements } from '../../../services/entitlements'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "what the hotel's plan includes: features, room limit and use",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return tenantEntitlements(db)
})
