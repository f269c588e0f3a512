// POST /api/v1/hq/invoices/:tenantId/:id/pay — record a payment received outside Stripe (HQ; audited)
import { recordPayment } from '../../../../../../services/billing'
import { applyDueReferralCoupons } from '../../../../../../services/stripe-sync'

export default defineEventHandler(async (event) => {
  const { db, user } = await requireHq(event)
  const tenantId = routeParam(event, 'tenantId')
  const id = routeParam(event, 'id')
  const paid = await db.$transaction(async (tx) => {
    const invoice = await recordPayment(tx, tenantId, id, { method: 'manual', recordedByUserId: user.id })
    await writeAudit(tx, event, {
      action: 'update',
      entity: 'invoice',
      entityId: id,
      tenantId,
      before: { status: 'open' },
      after: { status: invoice.status, paidAt: invoice.paidAt },
    })
    return invoice
  })
  await applyDueReferralCoupons() // a conversion may have given the referrer its coupon (Stripe on)
  return paid
})
