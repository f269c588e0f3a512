// GET /api/v1/agent/payouts — the agent's payout statements (支払通知書)
import { payoutsOf } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'
import { payoutList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the agent's payout statements (支払通知書)",
  response: payoutList,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return payoutsOf('agent', agent.id)
})
