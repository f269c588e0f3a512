// GET /api/v1/agent/dashboard — this month's sales, contracts, commission, and progress to the next rank
import { agentDashboard } from '../../../services/agent-dashboard'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return agentDashboard(agent.id)
})
