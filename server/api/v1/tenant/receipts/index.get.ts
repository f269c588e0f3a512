// GET /api/v1/tenant/receipts — the hotel's receipts (領収書), newest first (manager or owner)
import { hotelReceipts } from '../../../../services/invoice-documents'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return hotelReceipts(db)
})
