// GET /api/v1/hq/payouts/:id — the payment statement (支払通知書) of any payee's payout: agent, referring hotel or PMS vendor (HQ)
import { payoutStatement } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return payoutStatement(db, { id: routeParam(event, 'id') })
})
