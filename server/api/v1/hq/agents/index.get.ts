// GET /api/v1/hq/agents?page=&pageSize=&q=&status=&rank=&sort=&format= — agents with rank, counts, rank changes (HQ)
import { hqAgentListQuery } from '../../../../../shared/schemas/lists'
import { agentsCsv, listAgents } from '../../../../services/lists'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, hqAgentListQuery)
  if (query.format === 'csv') return sendCsv(event, 'agents', await agentsCsv(db, query, requestLang(event)))
  return listAgents(db, query)
})
