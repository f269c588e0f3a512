// POST /api/v1/hq/payouts/approve — approve every draft payout of a month that has a bank account (HQ; audited)
import { payoutApproveInput } from '../../../../../shared/schemas/payouts'
import { approveMonth } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = await readInput(event, payoutApproveInput)
  return db.$transaction((tx) => approveMonth(tx, month, auditActor(event)))
})
