// GET /api/v1/agent/payouts/:id — one payment statement (支払通知書) with its commission lines
import { privilegedDb } from '../../../../db/index'
import { payoutStatement } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return payoutStatement(privilegedDb(), { id: routeParam(event, 'id'), payeeType: 'agent', payeeId: agent.id })
})
