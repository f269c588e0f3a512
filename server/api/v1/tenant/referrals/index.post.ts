// POST /api/v1/tenant/referrals — invite another hotel (customer referral; manager or owner; audited)
import { customerInvitationInput } from '../../../../../shared/schemas/referrals'
import { inviteHotel } from '../../../../services/customer-referrals'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'invite another hotel (customer referral; manager or owner; audited)',
  body: customerInvitationInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, customerInvitationInput)
  const invitation = await inviteHotel(db, input, rootOrigin(event), auditActor(event))
  setResponseStatus(event, 201)
  return invitation
})
