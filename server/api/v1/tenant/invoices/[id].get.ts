// GET /api/v1/tenant/invoices/:id — one qualified invoice (適格請求書) as issued, for printing (manager or owner)
import { invoiceDocument } from '../../../../services/invoice-documents'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return invoiceDocument(db, routeParam(event, 'id'))
})
