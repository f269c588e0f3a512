// GET /api/v1/agent/payouts/:id — one payment statement (支払通知書) with its commission lines
import { payoutDesk } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return payoutDesk.payoutStatement({ id: routeParam(event, 'id'), payeeType: 'agent', payeeId: agent.id })
})
