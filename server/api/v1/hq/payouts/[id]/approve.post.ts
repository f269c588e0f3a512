// POST /api/v1/hq/payouts/:id/approve — approve one draft payout; its amounts are fixed from now on (HQ; audited)
import { approvePayout } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction((tx) => approvePayout(tx, id, auditActor(event)))
})
