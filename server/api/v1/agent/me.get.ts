// GET /api/v1/agent/me — the signed-in agent's profile, rank and its terms
import { agentProfile } from '../../../services/agents'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return agentProfile(agent)
})
