// GET /api/v1/hq/payouts?month= — payouts, newest first (HQ)
import { payoutListQuery } from '../../../../../shared/schemas/queries'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = readQueryInput(event, payoutListQuery)
  return db.payout.findMany({
    where: month ? { month } : {},
    orderBy: [{ month: 'desc' }, { payeeName: 'asc' }],
    take: 500,
  })
})
