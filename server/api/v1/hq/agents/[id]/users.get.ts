// GET /api/v1/hq/agents/:id/users — who can sign in to the agent's portal, and its open invitations (HQ)
import { agentPeople } from '../../../../../services/invitations'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "who can sign in to the agent's portal, and its open invitations (HQ)",
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return agentPeople(routeParam(event, 'id'))
})
