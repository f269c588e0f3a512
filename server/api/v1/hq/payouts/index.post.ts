// POST /api/v1/hq/payouts — create the draft payouts of a closed month (HQ; audited; rerun adds
// nothing; a batch that creates nothing says why in `nothing`)
import { payoutBatchInput } from '../../../../../shared/schemas/payouts'
import { createPayoutBatch } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'create the draft payouts of a closed month (HQ; audited; rerun adds nothing; `nothing` says why when none ' +
    'were created)',
  body: payoutBatchInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month } = await readInput(event, payoutBatchInput)
  return createPayoutBatch(month, auditActor(event))
})
