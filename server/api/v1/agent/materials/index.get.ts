// GET /api/v1/agent/materials — the sales materials of the agent's rank and below
import { listMaterials } from '../../../../services/materials'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return listMaterials(agent.rank)
})
