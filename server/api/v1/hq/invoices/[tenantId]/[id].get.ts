// GET /api/v1/hq/invoices/:tenantId/:id — any hotel's invoice as issued, for printing (HQ)
import { invoiceDocument } from '../../../../../services/invoice-documents'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return invoiceDocument(db, routeParam(event, 'id'), routeParam(event, 'tenantId'))
})
