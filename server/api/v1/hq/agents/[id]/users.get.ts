// GET /api/v1/hq/agents/:id/users — who can sign in to the agent's portal, and pending invitations (HQ)
import { agentUsers } from '../../../../../services/agents'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return agentUsers(routeParam(event, 'id'))
})
