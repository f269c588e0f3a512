// GET /api/v1/hq/business-rules — every business number with its value today (percent, yen or months),
// scheduled changes and history (HQ)
import { listBusinessSettings } from '../../../../services/business-rules'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'every business number (cycle discounts, referral rates and months, own discount, cap, PMS default rate, ' +
    'payout minimum, tax rate) in percent, yen or months: value today, scheduled changes, history (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listBusinessSettings(new Date())
})
