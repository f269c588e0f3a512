// GET /api/v1/tenant/receipts — the hotel's receipts (領収書), newest first (manager or owner)
import { hotelReceipts } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's receipts (領収書), one per payment (manager or owner)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return hotelReceipts(db)
})
