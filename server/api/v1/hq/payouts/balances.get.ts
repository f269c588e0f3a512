// GET /api/v1/hq/payouts/balances — every payee with something outstanding: payable, held, clawbacks
// and the balance (negative when clawbacks exceed earnings), and payouts in flight (HQ)
import { payeeBalances } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.$transaction((tx) => payeeBalances(tx, new Date()))
})
