// GET /api/v1/hq/payouts/export.csv?month= — the month's payouts as CSV (UTF-8 with BOM for Excel)
import { z } from 'zod'
import { payoutsCsv } from '../../../../services/payouts'

const query = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'Give the month as YYYY-MM.') })

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = readQueryInput(event, query)
  const payouts = await db.payout.findMany({ where: { month }, orderBy: { payeeName: 'asc' } })
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="payouts-${month}.csv"`)
  return '\uFEFF' + payoutsCsv(payouts)
})
