// GET /api/v1/agent/payouts/:id — one payment statement (支払通知書) with its commission lines
import { payoutDesk } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: 'one payment statement (支払通知書) with its commission lines',
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return payoutDesk.payoutStatement({ id: routeParam(event, 'id'), payeeType: 'agent', payeeId: agent.id })
})
