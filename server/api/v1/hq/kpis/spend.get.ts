// GET /api/v1/hq/kpis/spend?from=&to= — acquisition spend per channel and month (HQ)
import { kpiRangeQuery } from '../../../../../shared/schemas/kpis'
import { defaultKpiRange, listAcquisitionSpend } from '../../../../services/kpis'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'acquisition spend per channel and month',
  query: kpiRangeQuery,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const range = { ...defaultKpiRange(new Date()), ...readQueryInput(event, kpiRangeQuery) }
  return listAcquisitionSpend(range.from, range.to)
})
