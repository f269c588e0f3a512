// GET /api/v1/hq/invoices?status= — invoices across hotels (HQ)
import { invoiceListQuery } from '../../../../../shared/schemas/queries'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { status } = readQueryInput(event, invoiceListQuery)
  return db.invoice.findMany({
    where: status ? { status } : {},
    orderBy: { issuedAt: 'desc' },
    take: 200,
    include: { tenant: { select: { slug: true, name: true } } },
  })
})
