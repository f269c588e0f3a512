// POST /api/v1/hq/payouts/:id/paid — mark a payout transferred; its commissions become paid (HQ; audited)
import { markPayoutPaid } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction(async (tx) => {
    const payout = await markPayoutPaid(tx, id)
    await writeAudit(tx, event, { action: 'update', entity: 'payout', entityId: id, before: { status: 'draft' }, after: { status: 'paid', paidAt: payout.paidAt } })
    return payout
  })
})
