// POST /api/v1/hq/invoices/:tenantId/:id/refund — record a full refund of a paid invoice, sent to
// Stripe first when Stripe took the payment (HQ; audited)
import { refundInput } from '../../../../../../../shared/schemas/billing'
import { refundInvoiceInFull } from '../../../../../../services/invoice-actions'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, refundInput)
  return refundInvoiceInFull(routeParam(event, 'tenantId'), routeParam(event, 'id'), reason, auditActor(event))
})
