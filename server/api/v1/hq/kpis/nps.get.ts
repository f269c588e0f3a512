// GET /api/v1/hq/kpis/nps?from=&to= — the NPS answers with their comments, newest first (HQ)
import { kpiRangeQuery } from '../../../../../shared/schemas/kpis'
import { defaultKpiRange } from '../../../../services/kpis'
import { npsAnswers } from '../../../../services/nps'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'the NPS answers with their comments, newest first',
  query: kpiRangeQuery,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const range = { ...defaultKpiRange(new Date()), ...readQueryInput(event, kpiRangeQuery) }
  return npsAnswers(range.from, range.to)
})
