// GET /api/v1/hq/roi — average ROI, its distribution and trend, the compensation cases and their total (HQ)
import { hqRoiOverview } from '../../../../services/roi'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'average ROI, its distribution and weekly trend, compensation cases with amounts and states, total',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return hqRoiOverview(db)
})
