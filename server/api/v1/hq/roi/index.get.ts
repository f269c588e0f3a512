// GET /api/v1/hq/roi — average ROI, its distribution and trend, the compensation cases and their total (HQ)
import { hqRoiOverview } from '../../../../services/roi'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return hqRoiOverview(db)
})
