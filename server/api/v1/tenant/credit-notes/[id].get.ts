// GET /api/v1/tenant/credit-notes/:id — one credit note (適格返還請求書) as issued, for printing (manager or owner)
import { creditNoteDocument } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'one credit note as issued, for printing (manager or owner)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return creditNoteDocument(db, routeParam(event, 'id'))
})
