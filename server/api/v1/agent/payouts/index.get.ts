// GET /api/v1/agent/payouts — the agent's payout statements (支払通知書)
import { privilegedDb } from '../../../../db/index'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return privilegedDb().payout.findMany({
    where: { payeeType: 'agent', payeeId: agent.id },
    orderBy: { month: 'desc' },
  })
})
