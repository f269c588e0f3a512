// POST /api/v1/hq/payouts/:id/returned — the bank returned the transfer; its amount is payable again
// on the next batch (HQ; audited)
import { payoutReturnedInput } from '../../../../../../shared/schemas/payouts'
import { payoutDesk } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, payoutReturnedInput)
  return payoutDesk.markReturned(routeParam(event, 'id'), reason, auditActor(event))
})
