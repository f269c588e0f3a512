// PATCH /api/v1/hq/agents/:id — edit, suspend, or give a territory to an agent (HQ; audited)
import { agentUpdateInput } from '../../../../../shared/schemas/hq'
import { updateAgent } from '../../../../services/agents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'edit, suspend, or give a territory to an agent (HQ; audited)',
  body: agentUpdateInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, agentUpdateInput)
  return updateAgent(routeParam(event, 'id'), input, auditActor(event))
})
