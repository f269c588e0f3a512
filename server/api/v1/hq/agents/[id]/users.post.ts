// POST /api/v1/hq/agents/:id/users — invite a person to the agent's portal by email (HQ; audited).
// Returns the invitation link too: there is no mail server yet, so HQ can pass it on.
import { agentUserInviteInput } from '../../../../../../shared/schemas/hq'
import { inviteAgentUser } from '../../../../../services/agents'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const agentId = routeParam(event, 'id')
  const input = await readInput(event, agentUserInviteInput)
  const result = await inviteAgentUser(agentId, input, rootOrigin(event), (tx, after) => writeAudit(tx, event, { action: 'create', entity: 'agent_user', entityId: agentId, after }))
  setResponseStatus(event, 201)
  return result
})
