// GET /api/v1/agent/sales — the agent's contracts (one per referred hotel that paid) with the
// commissions each has yielded: pending, paid, cancelled, months recorded
import { agentContracts } from '../../../services/agent-dashboard'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary:
    "the agent's contracts (one per referred hotel that paid) with the commissions each has yielded: pending, " +
    'paid, cancelled, months recorded',
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return agentContracts(agent.id)
})
