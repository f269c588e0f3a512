// GET /api/v1/tenant/receipts/:id — one receipt (領収書) as issued, for printing (manager or owner)
import { receiptDocument } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'one receipt as issued, for printing (manager or owner)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return receiptDocument(db, routeParam(event, 'id'))
})
