// GET /api/v1/hq/payouts/export.csv?month= — the month's payouts as CSV (UTF-8 with BOM for Excel)
import { payoutExportQuery } from '../../../../../shared/schemas/queries'
import { payoutsCsv } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = readQueryInput(event, payoutExportQuery)
  const payouts = await db.payout.findMany({ where: { month }, orderBy: { payeeName: 'asc' } })
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="payouts-${month}.csv"`)
  return '\uFEFF' + payoutsCsv(payouts)
})
