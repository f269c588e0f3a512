// GET /api/v1/hq/receipts — receipts (領収書) across hotels, newest first (HQ)
import { receiptsAcrossHotels } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'receipts (領収書) across hotels, newest first (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return receiptsAcrossHotels()
})
