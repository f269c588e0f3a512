// POST /api/v1/tenant/members — invite someone by email with a role (manager or owner; audited)
import { memberInviteInput } from '../../../../../shared/schemas/members'
import { inviteMember } from '../../../../services/members'

export default defineEventHandler(async (event) => {
  const { db, membership, tenant } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, memberInviteInput)
  const invited = await inviteMember(db, membership.role, input, (tx, before, after, userId) => writeAudit(tx, event, { action: 'create', entity: 'tenant_membership', entityId: userId, before, after }))
  setResponseStatus(event, 201)
  // No mail server yet: the link is returned for the inviter to pass on (see README).
  const inviteUrl = invited.invitationToken ? `${getRequestProtocol(event)}://${getRequestHost(event)}/invite?token=${encodeURIComponent(invited.invitationToken)}` : null
  return { userId: invited.userId, email: invited.email, role: invited.role, inviteUrl, hotel: tenant.name }
})
