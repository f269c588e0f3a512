// GET /api/v1/hq/credit-notes — credit notes (適格返還請求書) across hotels, newest first (HQ)
import { creditNotesAcrossHotels } from '../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'credit notes (適格返還請求書) across hotels, newest first (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return creditNotesAcrossHotels()
})
