// GET /api/v1/hq/business-rules — every business number with its value today (percent, yen or months), scheduled changes and history (HQ)
import { listBusinessSettings } from '../../../../services/business-rules'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listBusinessSettings(new Date())
})
