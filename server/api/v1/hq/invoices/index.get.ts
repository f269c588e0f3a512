// GET /api/v1/hq/invoices?status= — invoices across hotels (HQ)
import { z } from 'zod'

const query = z.object({ status: z.enum(['open', 'paid', 'void', 'refunded']).optional() })

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { status } = readQueryInput(event, query)
  return db.invoice.findMany({ where: status ? { status } : {}, orderBy: { issuedAt: 'desc' }, take: 200, include: { tenant: { select: { slug: true, name: true } } } })
})
