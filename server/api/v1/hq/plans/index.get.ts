// GET /api/v1/hq/plans — the whole plan catalogue, inactive plans included (HQ)
import { planCatalogue } from '../../../../services/plans'
import { defineApiMeta } from '../../../../openapi/meta'
import { planCatalogueResponse } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'the whole plan catalogue, inactive plans included (HQ)',
  response: planCatalogueResponse,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return planCatalogue()
})
