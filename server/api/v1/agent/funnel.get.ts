// GET /api/v1/agent/funnel?from=&to= — the signed-in agent's funnel per code and in total, per month:
// visits → signups → paying hotels → commission earned
import { kpiRangeQuery } from '../../../../shared/schemas/kpis'
import { defaultKpiRange } from '../../../services/kpis'
import { referrerFunnel } from '../../../services/funnel'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the agent's funnel per code and in total, per month: visits, signups, paying hotels, commission",
  query: kpiRangeQuery,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const range = { ...defaultKpiRange(new Date()), ...readQueryInput(event, kpiRangeQuery) }
  return referrerFunnel({ agentId: agent.id }, range.from, range.to)
})
