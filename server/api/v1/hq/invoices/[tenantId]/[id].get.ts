// GET /api/v1/hq/invoices/:tenantId/:id — any hotel's invoice as issued, for printing (HQ)
import { invoiceDocument } from '../../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    "any hotel's qualified invoice (適格請求書) as issued: seller and registration number, buyer, issue date, " +
    'lines, subtotal and tax per rate, for printing (HQ)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return invoiceDocument(db, routeParam(event, 'id'), routeParam(event, 'tenantId'))
})
