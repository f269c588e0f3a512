// GET /api/v1/tenant/invoices/:id — one qualified invoice (適格請求書) as issued, for printing (manager or owner)
import { invoiceDocument } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    'one qualified invoice (適格請求書) as issued: seller and registration number, buyer, issue date, lines, ' +
    'subtotal and tax per rate, for printing (manager or owner)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return invoiceDocument(db, routeParam(event, 'id'))
})
