// GET /api/v1/hq/payouts/:id — the payment statement (支払通知書) of any payee's payout: agent,
// referring hotel or PMS vendor (HQ)
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    "the payment statement (支払通知書) of any payee's payout — agent, referring hotel or PMS vendor — with its " +
    'lines, clawbacks and registration number (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDesk.payoutStatement({ id: routeParam(event, 'id') })
})
