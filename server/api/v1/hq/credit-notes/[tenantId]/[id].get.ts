// GET /api/v1/hq/credit-notes/:tenantId/:id — any hotel's credit note as issued, for printing (HQ)
import { creditNoteDocument } from '../../../../../services/invoice-documents'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "any hotel's credit note as issued, for printing (HQ)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return creditNoteDocument(db, routeParam(event, 'id'), routeParam(event, 'tenantId'))
})
