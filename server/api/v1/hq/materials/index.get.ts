// GET /api/v1/hq/materials — every sales material (HQ)
import { listMaterials } from '../../../../services/materials'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listMaterials(null)
})
