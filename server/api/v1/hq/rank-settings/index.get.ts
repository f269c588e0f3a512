// GET /api/v1/hq/rank-settings — margins, requirements and benefits of every rank (HQ)
import { listRankSettings } from '../../../../services/agents'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listRankSettings()
})
