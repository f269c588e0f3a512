// GET /api/v1/hq/plans — the whole plan catalogue, inactive plans included (HQ)
import { planCatalogue } from '../../../../services/plans'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return planCatalogue()
})
