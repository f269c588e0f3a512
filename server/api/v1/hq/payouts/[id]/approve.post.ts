// POST /api/v1/hq/payouts/:id/approve — approve one draft payout; its amounts are fixed from now on (HQ; audited)
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'approve one draft payout; its amounts are fixed from now on (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDesk.approvePayout(routeParam(event, 'id'), auditActor(event))
})
