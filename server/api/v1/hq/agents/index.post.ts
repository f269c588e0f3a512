// POST /api/v1/hq/agents — register an agent (bronze) (HQ; audited)
import { agentInput } from '../../../../../shared/schemas/hq'
import { createAgent } from '../../../../services/agents'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary: 'register an agent (bronze) (HQ; audited)',
  body: agentInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, agentInput)
  const agent = await createAgent(input, auditActor(event))
  setResponseStatus(event, 201)
  return agent
})
