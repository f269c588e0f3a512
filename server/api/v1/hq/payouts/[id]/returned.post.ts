// POST /api/v1/hq/payouts/:id/returned — the bank returned the transfer; its amount is payable again on the next batch (HQ; audited)
import { payoutReturnedInput } from '../../../../../../shared/schemas/payouts'
import { markReturned } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  const { reason } = await readInput(event, payoutReturnedInput)
  return db.$transaction((tx) => markReturned(tx, id, reason, auditActor(event)))
})
