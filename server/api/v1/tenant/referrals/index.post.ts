// POST /api/v1/tenant/referrals — invite another hotel (customer referral; manager or owner; audited)
import { customerInvitationInput } from '../../../../../shared/schemas/referrals'
import { privilegedDb } from '../../../../db/index'
import { inviteHotel } from '../../../../services/customer-referrals'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, customerInvitationInput)
  const invitation = await inviteHotel(db, input, rootOrigin(event))
  await writeAudit(privilegedDb(), event, {
    action: 'create',
    entity: 'referral',
    entityId: invitation.id,
    after: { code: invitation.code, invited: input.hotelName },
  })
  setResponseStatus(event, 201)
  return invitation
})
