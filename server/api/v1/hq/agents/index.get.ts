// GET /api/v1/hq/agents?page=&pageSize=&q=&status=&rank=&sort=&format= — agents with rank, counts, rank changes (HQ)
import { hqAgentListQuery } from '../../../../../shared/schemas/lists'
import { agentsCsv, listAgents } from '../../../../services/lists'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'agents with rank, territory, users and latest rank changes, searchable, filtered by status and rank (HQ)',
  query: hqAgentListQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, hqAgentListQuery)
  if (query.format === 'csv') return sendCsv(event, 'agents', await agentsCsv(db, query, requestLang(event)))
  return listAgents(db, query)
})
