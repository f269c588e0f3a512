// PATCH /api/v1/hq/rank-settings/:rank — edit a rank's margins, requirement or benefits (HQ; audited)
import { z } from 'zod'
import { rankSettingInput } from '../../../../../shared/schemas/hq'

const rankParam = z.enum(['bronze', 'silver', 'gold', 'platinum', 'diamond'])

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const rank = rankParam.parse(routeParam(event, 'rank'))
  const input = await readInput(event, rankSettingInput)
  return db.$transaction(async (tx) => {
    const before = await tx.agentRankSetting.findUniqueOrThrow({ where: { rank } })
    const after = await tx.agentRankSetting.update({ where: { rank }, data: input })
    await writeAudit(tx, event, { action: 'update', entity: 'agent_rank_setting', entityId: rank, before, after })
    return after
  })
})
