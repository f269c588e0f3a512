// GET /api/v1/hq/payouts/balances — every payee with something outstanding: payable, held, clawbacks
// and the balance (negative when clawbacks exceed earnings), and payouts in flight (HQ)
import { payoutDesk } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'every payee with something outstanding: payable, held, clawbacks, balance (negative when clawbacks exceed ' +
    'earnings) and payouts in flight (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return payoutDesk.payeeBalances(new Date())
})
