// POST /api/v1/hq/invoices/:tenantId/:id/pay — record a payment received outside Stripe (HQ; audited)
import { recordManualPayment } from '../../../../../../services/invoice-actions'
import { defineApiMeta } from '../../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'record a payment received outside Stripe (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return recordManualPayment(routeParam(event, 'tenantId'), routeParam(event, 'id'), auditActor(event))
})
