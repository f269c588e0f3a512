// GET /api/v1/tenant/invoices — the hotel's invoices with their lines (manager or owner)
import { hotelInvoices } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'
import { hotelInvoiceList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's invoices with their lines (manager or owner)",
  response: hotelInvoiceList,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return hotelInvoices(db)
})
