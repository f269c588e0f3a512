// POST /api/v1/hq/agents/:id/rank — override an agent's rank, with a reason (HQ; audited)
import { rankOverrideInput } from '../../../../../../shared/schemas/hq'
import { overrideRank } from '../../../../../services/agents'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "override an agent's rank, with a reason (HQ; audited)",
  body: rankOverrideInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { rank, reason, effectiveMonth } = await readInput(event, rankOverrideInput)
  return overrideRank(routeParam(event, 'id'), rank, reason, auditActor(event), effectiveMonth)
})
