// POST /api/v1/hq/payouts/:id/returned — the bank returned the transfer; its amount is payable again
// on the next batch (HQ; audited)
import { payoutReturnedInput } from '../../../../../../shared/schemas/payouts'
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'the bank returned the transfer, with the reason; its commissions and clawbacks are payable again on the next ' +
    'batch (HQ; audited)',
  body: payoutReturnedInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, payoutReturnedInput)
  return payoutDesk.markReturned(routeParam(event, 'id'), reason, auditActor(event))
})
