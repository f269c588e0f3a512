// GET /api/v1/tenant/credit-notes — the hotel's credit notes (適格返還請求書), newest first (manager or owner)
import { hotelCreditNotes } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's credit notes (適格返還請求書), one per refund (manager or owner)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return hotelCreditNotes(db)
})
