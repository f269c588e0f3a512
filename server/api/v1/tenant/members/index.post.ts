// POST /api/v1/tenant/members — invite someone by email with a role (manager or owner; audited).
// The link goes by mail to that address only; the answer never carries it.
import { memberInviteInput } from '../../../../../shared/schemas/members'
import { inviteToHotel } from '../../../../services/invitations'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'invite someone by email with a role (manager or owner; audited); the link is mailed to that address only',
  body: memberInviteInput,
})

export default defineEventHandler(async (event) => {
  const { db, membership, tenant, user } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, memberInviteInput)
  const invited = await inviteToHotel(
    db,
    {
      tenant,
      inviter: { id: user.id, name: user.name, role: membership.role },
      linkBase: hotelOrigin(event, tenant.slug),
      lang: requestLang(event),
    },
    input,
    auditActor(event),
  )
  setResponseStatus(event, 201)
  return invited
})
