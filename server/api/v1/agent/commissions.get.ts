// GET /api/v1/agent/commissions?page=&pageSize=&q=&status=&from=&to=&sort=&format= — the agent's commission ledger
import { agentCommissionListQuery } from '../../../../shared/schemas/lists'
import { agentCommissionsCsv, listAgentCommissions } from '../../../services/commission-list'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const query = readQueryInput(event, agentCommissionListQuery)
  if (query.format === 'csv')
    return sendCsv(event, 'commissions', await agentCommissionsCsv(agent.id, query, requestLang(event)))
  return listAgentCommissions(agent.id, query)
})
