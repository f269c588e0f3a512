// GET /api/v1/agent/commissions?page=&pageSize=&q=&status=&from=&to=&sort=&format= — the agent's commission ledger
import { agentCommissionListQuery } from '../../../../shared/schemas/lists'
import { agentCommissionsCsv, listAgentCommissions } from '../../../services/commission-list'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the agent's commission ledger, searchable by hotel or code, filtered by status and months",
  query: agentCommissionListQuery,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const query = readQueryInput(event, agentCommissionListQuery)
  if (query.format === 'csv')
    return sendCsv(event, 'commissions', await agentCommissionsCsv(agent.id, query, requestLang(event)))
  return listAgentCommissions(agent.id, query)
})
