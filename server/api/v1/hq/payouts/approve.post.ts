// POST /api/v1/hq/payouts/approve — approve every draft payout of a month that has a bank account (HQ; audited)
import { payoutApproveInput } from '../../../../../shared/schemas/payouts'
import { payoutDesk } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'approve every draft payout of a month that has a bank account; those without one are named (HQ; audited)',
  body: payoutApproveInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = await readInput(event, payoutApproveInput)
  return payoutDesk.approveMonth(month, auditActor(event))
})
