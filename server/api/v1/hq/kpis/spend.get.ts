// GET /api/v1/hq/kpis/spend?from=&to= — acquisition spend per channel and month (HQ)
import { kpiRangeQuery } from '../../../../../shared/schemas/kpis'
import { defaultKpiRange, listAcquisitionSpend } from '../../../../services/kpis'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const range = { ...defaultKpiRange(new Date()), ...readQueryInput(event, kpiRangeQuery) }
  return listAcquisitionSpend(range.from, range.to)
})
