// POST /api/v1/hq/agents/:id/rank — override an agent's rank, with a reason (HQ; audited)
import { rankOverrideInput } from '../../../../../../shared/schemas/hq'
import { overrideRank } from '../../../../../services/agents'

export default defineEventHandler(async (event) => {
  const { db, user } = await requireHq(event)
  const { rank, reason, effectiveMonth } = await readInput(event, rankOverrideInput)
  const id = routeParam(event, 'id')
  const agent = await overrideRank(id, rank, reason, user.id, effectiveMonth)
  await writeAudit(db, event, {
    action: 'update',
    entity: 'agent_rank',
    entityId: id,
    after: { rank, reason, effectiveMonth },
  })
  return agent
})
