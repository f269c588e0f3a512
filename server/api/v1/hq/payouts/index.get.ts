// GET /api/v1/hq/payouts?month= — payouts, newest first (HQ)
import { z } from 'zod'

const query = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional() })

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = readQueryInput(event, query)
  return db.payout.findMany({ where: month ? { month } : {}, orderBy: [{ month: 'desc' }, { payeeName: 'asc' }], take: 500 })
})
