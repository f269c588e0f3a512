// POST /api/v1/hq/payouts/:id/transferred — the bank transferred an exported payout; its commissions become paid (HQ; audited)
import { markTransferred } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction((tx) => markTransferred(tx, id, auditActor(event)))
})
