// GET /api/v1/agent/payouts — the agent's payout statements (支払通知書)
import { payoutsOf } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return payoutsOf('agent', agent.id)
})
