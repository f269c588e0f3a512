// GET /api/v1/hq/kpis?from=YYYY-MM&to=YYYY-MM — the executive dashboard per month: MRR and its
// movements, churn, NRR, ARPA, CAC, LTV, NPS, channels, agents, funnel, projection, targets (HQ)
import { kpiRangeQuery } from '../../../../../shared/schemas/kpis'
import { defaultKpiRange, kpiDashboard } from '../../../../services/kpis'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'the executive dashboard per month: MRR and its movements, ARR, churn, NRR, ARPA, CAC, LTV, NPS, ' +
    'sales channels, agents, funnel, 12-month projection, targets',
  query: kpiRangeQuery,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const query = readQueryInput(event, kpiRangeQuery)
  const range = { ...defaultKpiRange(new Date()), ...query }
  return kpiDashboard(range.from, range.to)
})
