// GET /api/v1/tenant/invoices — the hotel's invoices with their lines (manager or owner)
import { hotelInvoices } from '../../../../services/invoice-documents'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return hotelInvoices(db)
})
