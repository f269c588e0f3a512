// GET /api/v1/hq/rank-settings — margins, requirements and benefits of every rank (HQ)
import { listRankSettings } from '../../../../services/agents'
import { defineApiMeta } from '../../../../openapi/meta'
import { rankSettingList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'margins, requirements and benefits of every rank (HQ)',
  response: rankSettingList,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listRankSettings()
})
