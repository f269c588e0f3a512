// POST /api/v1/hq/payouts/:id/paid — earlier name of /transferred, kept for existing clients (HQ; audited)
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'earlier name of /transferred, kept for existing clients (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDesk.markTransferred(routeParam(event, 'id'), auditActor(event))
})
