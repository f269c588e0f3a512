// GET /api/v1/hq/payouts/export.csv?month= — the month's payouts as CSV (UTF-8 with BOM for Excel)
import { payoutExportQuery } from '../../../../../shared/schemas/queries'
import { payoutsCsvOfMonth } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "the month's payouts as CSV (UTF-8 with BOM for Excel)",
  query: payoutExportQuery,
  produces: 'text/csv',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = readQueryInput(event, payoutExportQuery)
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="payouts-${month}.csv"`)
  return payoutsCsvOfMonth(month)
})
