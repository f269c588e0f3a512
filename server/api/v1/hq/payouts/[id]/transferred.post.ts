// POST /api/v1/hq/payouts/:id/transferred — the bank transferred an exported payout; its commissions
// become paid (HQ; audited)
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'the bank transferred an exported payout; its commissions become paid (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDesk.markTransferred(routeParam(event, 'id'), auditActor(event))
})
