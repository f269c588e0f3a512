// GET /api/v1/hq/receipts — receipts (領収書) across hotels, newest first (HQ)
import { receiptsAcrossHotels } from '../../../../services/invoice-documents'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return receiptsAcrossHotels()
})
