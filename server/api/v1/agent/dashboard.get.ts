// GET /api/v1/agent/dashboard — this month's numbers, rank progress, and the charts' data
import { agentDashboard } from '../../../services/agent-dashboard'
import { agentCharts } from '../../../services/dashboards'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "this month's sales, contracts, commission, and progress to the next rank",
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const [numbers, charts] = await Promise.all([agentDashboard(agent.id), agentCharts(agent.id)])
  return { ...numbers, charts }
})
