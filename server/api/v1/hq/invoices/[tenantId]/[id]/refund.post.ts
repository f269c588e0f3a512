// POST /api/v1/hq/invoices/:tenantId/:id/refund — record a full refund of a paid invoice, sent to Stripe first when Stripe took the payment (HQ; audited)
import { refundInput } from '../../../../../../../shared/schemas/billing'
import { refundInvoice } from '../../../../../../services/refunds'
import { refundPaymentInStripe } from '../../../../../../services/stripe-sync'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { reason } = await readInput(event, refundInput)
  const tenantId = routeParam(event, 'tenantId')
  const id = routeParam(event, 'id')
  return db.$transaction(async (tx) => {
    const result = await refundInvoice(tx, tenantId, id, reason)
    // Last, so a refused Stripe refund rolls everything above back (Stripe off or paid by hand: null).
    const stripeRefund = await refundPaymentInStripe(tx, tenantId, id, reason)
    await writeAudit(tx, event, {
      action: 'refund',
      entity: 'invoice',
      entityId: id,
      tenantId,
      before: { status: 'paid' },
      after: { status: 'refunded', reason, ...result, stripeRefundId: stripeRefund?.id ?? null },
    })
    return { ...result, stripeRefund }
  })
})
