// GET /api/v1/hq/invoices?page=&pageSize=&q=&status=&tenantId=&from=&to=&sort=&format= — invoices across hotels (HQ)
import { hqInvoiceListQuery } from '../../../../../shared/schemas/lists'
import { invoicesCsv, listInvoices } from '../../../../services/lists'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'invoices across hotels, searchable by number or hotel, filtered by status, hotel and issue dates (HQ)',
  query: hqInvoiceListQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, hqInvoiceListQuery)
  if (query.format === 'csv') return sendCsv(event, 'invoices', await invoicesCsv(db, query, requestLang(event)))
  return listInvoices(db, query)
})
