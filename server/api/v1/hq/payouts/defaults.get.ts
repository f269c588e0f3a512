// GET /api/v1/hq/payouts/defaults — today, the month to pay out and the earliest transfer date, in
// Asia/Tokyo on bank business days (HQ)
import { payoutDefaults } from '../../../../../shared/domain/bank-days'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDefaults(new Date())
})
