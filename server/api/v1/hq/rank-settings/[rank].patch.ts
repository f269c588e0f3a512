// PATCH /api/v1/hq/rank-settings/:rank — edit a rank's margins, requirement or benefits (HQ; audited)
import { z } from 'zod'
import { rankSettingInput } from '../../../../../shared/schemas/hq'
import { updateRankSetting } from '../../../../services/agents'
import { defineApiMeta } from '../../../../openapi/meta'

const rankParam = z.enum(['bronze', 'silver', 'gold', 'platinum', 'diamond'])

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "edit a rank's margins, requirement or benefits (HQ; audited)",
  body: rankSettingInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const rank = rankParam.parse(routeParam(event, 'rank'))
  const input = await readInput(event, rankSettingInput)
  return updateRankSetting(rank, input, auditActor(event))
})
