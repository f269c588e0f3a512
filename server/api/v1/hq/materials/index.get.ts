// GET /api/v1/hq/materials — every sales material (HQ)
import { listMaterials } from '../../../../services/materials'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'every sales material (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listMaterials(null)
})
