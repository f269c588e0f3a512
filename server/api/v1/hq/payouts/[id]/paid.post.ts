// POST /api/v1/hq/payouts/:id/paid — earlier name of /transferred, kept for existing clients (HQ; audited)
import { markTransferred } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction((tx) => markTransferred(tx, id, auditActor(event)))
})
