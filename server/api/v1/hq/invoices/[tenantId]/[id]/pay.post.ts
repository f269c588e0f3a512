// POST /api/v1/hq/invoices/:tenantId/:id/pay — record a payment received outside Stripe (HQ; audited)
import { recordManualPayment } from '../../../../../../services/invoice-actions'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return recordManualPayment(routeParam(event, 'tenantId'), routeParam(event, 'id'), auditActor(event))
})
