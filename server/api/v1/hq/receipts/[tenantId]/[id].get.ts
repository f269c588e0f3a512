// GET /api/v1/hq/receipts/:tenantId/:id — any hotel's receipt as issued, for printing (HQ)
import { receiptDocument } from '../../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "any hotel's receipt as issued, for printing (HQ)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return receiptDocument(db, routeParam(event, 'id'), routeParam(event, 'tenantId'))
})
