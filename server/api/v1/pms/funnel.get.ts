// GET /api/v1/pms/funnel?from=&to= — the vendor's funnel per code and in total, per month (API key)
import { kpiRangeQuery } from '../../../../shared/schemas/kpis'
import { defaultKpiRange } from '../../../services/kpis'
import { referrerFunnel } from '../../../services/funnel'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: "the vendor's funnel per code and in total, per month: visits, signups, paying hotels, commission",
  query: kpiRangeQuery,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const range = { ...defaultKpiRange(new Date()), ...readQueryInput(event, kpiRangeQuery) }
  return referrerFunnel({ pmsVendorId: vendor.id }, range.from, range.to)
})
