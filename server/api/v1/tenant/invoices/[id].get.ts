// GET /api/v1/tenant/invoices/:id — one invoice with lines, payment and issuer details, for printing
import { NotFound } from '../../../../lib/errors'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const invoice = await db.invoice.findFirst({ where: { id: routeParam(event, 'id') }, include: { lines: { orderBy: { sortOrder: 'asc' } }, payments: true } })
  if (!invoice) throw NotFound('This invoice does not exist.')
  const tenant = await db.tenant.findFirstOrThrow({ select: { name: true, slug: true } })
  return { ...invoice, billedTo: tenant, issuer: ISSUER }
})

// The seller's details printed on every invoice (適格請求書発行事業者).
const ISSUER = { name: 'OmotenasuAI株式会社', registrationNumber: process.env.INVOICE_REGISTRATION_NUMBER || 'T0000000000000', address: '東京都千代田区丸の内1-1-1' }
