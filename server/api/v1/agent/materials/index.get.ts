// GET /api/v1/agent/materials — the sales materials of the agent's rank and below
import { listMaterials } from '../../../../services/materials'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the sales materials of the agent's rank and below",
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return listMaterials(agent.rank)
})
