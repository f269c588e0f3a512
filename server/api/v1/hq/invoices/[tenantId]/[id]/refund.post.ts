// POST /api/v1/hq/invoices/:tenantId/:id/refund — record a full refund of a paid invoice, sent to
// Stripe first when Stripe took the payment (HQ; audited)
import { refundInput } from '../../../../../../../shared/schemas/billing'
import { refundInvoiceInFull } from '../../../../../../services/invoice-actions'
import { defineApiMeta } from '../../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'record a full refund of a paid invoice; when Stripe took the payment the refund is sent to Stripe ' +
    '(idempotency key per invoice) and a Stripe failure changes nothing (502) (HQ; audited)',
  body: refundInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, refundInput)
  return refundInvoiceInFull(routeParam(event, 'tenantId'), routeParam(event, 'id'), reason, auditActor(event))
})
