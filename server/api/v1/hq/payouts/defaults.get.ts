// GET /api/v1/hq/payouts/defaults — today, the month to pay out and the earliest transfer date, in
// Asia/Tokyo on bank business days (HQ)
import { payoutDefaults } from '../../../../../shared/domain/bank-days'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'today, the month to pay out and the earliest transfer date (Asia/Tokyo, bank business days) (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDefaults(new Date())
})
