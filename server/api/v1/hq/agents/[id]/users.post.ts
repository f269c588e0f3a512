// POST /api/v1/hq/agents/:id/users — invite a person to the agent's portal by email (HQ; audited).
// The link goes by mail to that address only; the answer never carries it.
import { agentUserInviteInput } from '../../../../../../shared/schemas/hq'
import { inviteToAgent } from '../../../../../services/invitations'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary: "invite a person to the agent's portal by email (HQ; audited); the link is mailed to that address only",
  body: agentUserInviteInput,
})

export default defineEventHandler(async (event) => {
  const { user } = await requireHq(event)
  const input = await readInput(event, agentUserInviteInput)
  const invited = await inviteToAgent(
    routeParam(event, 'id'),
    input,
    { inviterId: user.id, linkBase: rootOrigin(event), lang: requestLang(event) },
    auditActor(event),
  )
  setResponseStatus(event, 201)
  return invited
})
