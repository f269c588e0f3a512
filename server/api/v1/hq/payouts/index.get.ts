// GET /api/v1/hq/payouts?month= — payouts, newest first (HQ)
import { payoutListQuery } from '../../../../../shared/schemas/queries'
import { listPayouts } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = readQueryInput(event, payoutListQuery)
  return listPayouts(month)
})
