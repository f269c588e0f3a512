// GET /api/v1/tenant/roi — the hotel's weekly ROI measurements with their inputs, its ROI settings and guarantee
import { tenantRoi } from '../../../../services/roi'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's weekly ROI measurements with their inputs, its ROI settings, guarantee and case",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return tenantRoi(db)
})
