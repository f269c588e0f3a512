// GET /api/v1/hq/kpis/export.csv?from=&to=&table=months|agents|projection|funnel — one dashboard table
// as CSV (UTF-8 with BOM, RFC 4180) (HQ)
import { kpiCsvQuery } from '../../../../../shared/schemas/kpis'
import { defaultKpiRange, kpiCsv } from '../../../../services/kpis'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'one dashboard table as CSV (UTF-8 with BOM, RFC 4180)',
  query: kpiCsvQuery,
  produces: 'text/csv',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { table, ...query } = readQueryInput(event, kpiCsvQuery)
  const range = { ...defaultKpiRange(new Date()), ...query }
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="kpis-${table}-${range.from}-${range.to}.csv"`)
  return kpiCsv(range.from, range.to, table)
})
