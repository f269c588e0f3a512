// POST /api/v1/hq/payouts — create the draft payouts of a closed month (HQ; audited; rerun adds
// nothing; a batch that creates nothing says why in `nothing`)
import { payoutBatchInput } from '../../../../../shared/schemas/payouts'
import { Invalid, msg } from '../../../../lib/errors'
import { createPayouts } from '../../../../services/payouts'
import { periodKey } from '../../../../../shared/domain/schedule'
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
  const { db } = await requireHq(event)
  const { month } = await readInput(event, payoutBatchInput)
  const now = new Date()
  const open = periodKey(now, 'month') // Tokyo
  if (month >= open)
    throw Invalid(
      msg(
        'payout_month_open',
        `${month} はまだ締まっていません。${open} より前の月を選んでください。`,
        `${month} is not closed yet: pay out months before ${open}.`,
      ),
      { fields: { month: 'Choose a closed month.' } },
    )
  const result = await db.$transaction((tx) => createPayouts(tx, month, now, auditActor(event)))
  return { month, created: result.created, carried: result.carried, held: result.held, nothing: result.nothing }
})
