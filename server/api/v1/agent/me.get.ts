// GET /api/v1/agent/me — the signed-in agent's profile, rank and its terms
import { agentProfile } from '../../../services/agents'
import { defineApiMeta } from '../../../openapi/meta'
import { agentProfileResponse } from '../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the signed-in agent's profile, rank and its terms",
  response: agentProfileResponse,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return agentProfile(agent)
})
