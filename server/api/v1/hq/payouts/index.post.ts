// POST /api/v1/hq/payouts — create the payouts of a closed month (HQ; audited; rerun adds nothing)
import { payoutBatchInput } from '../../../../../shared/schemas/payouts'
import { Invalid } from '../../../../lib/errors'
import { createPayouts } from '../../../../services/payouts'
import { periodKey } from '../../../../../shared/domain/schedule'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month } = await readInput(event, payoutBatchInput)
  const now = new Date()
  if (month >= periodKey(now, 'month')) throw Invalid(`${month} is not closed yet: pay out months before ${periodKey(now, 'month')}.`, { fields: { month: 'Choose a closed month.' } })
  return db.$transaction(async (tx) => {
    const result = await createPayouts(tx, month, now)
    await writeAudit(tx, event, { action: 'create', entity: 'payout_batch', entityId: month, after: { created: result.created, carried: result.carried.length } })
    return { month, created: result.created, carried: result.carried }
  })
})
