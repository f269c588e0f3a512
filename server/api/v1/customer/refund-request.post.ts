// POST /api/v1/customer/refund-request — the hotel asks for a full refund (inside its guarantee)
// or an ROI compensation (owner; audited)
import { refundRequestInput } from '../../../../shared/schemas/refunds'
import { requestRefund } from '../../../services/refund-requests'

export default defineEventHandler(async (event) => {
  const { user, tenant } = await requireTenantMember(event, { role: 'owner' })
  const input = await readInput(event, refundRequestInput)
  setResponseStatus(event, 201)
  return requestRefund(tenant.id, user.id, input, auditActor(event), {
    hotelOrigin: (slug) => hotelOrigin(event, slug),
  })
})
