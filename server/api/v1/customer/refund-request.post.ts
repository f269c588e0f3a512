// POST /api/v1/customer/refund-request — the hotel asks for a full refund (inside its guarantee)
// or an ROI compensation (owner; audited)
import { refundRequestInput } from '../../../../shared/schemas/refunds'
import { requestRefund } from '../../../services/refund-requests'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    "request a full refund (inside the plan's guarantee period, else 400 guarantee_expired with the date it " +
    'ended) or an ROI compensation; one open request per hotel (409); a small first full refund is ' +
    'approved at once (owner; audited)',
  body: refundRequestInput,
})

export default defineEventHandler(async (event) => {
  const { user, tenant } = await requireTenantMember(event, { role: 'owner' })
  const input = await readInput(event, refundRequestInput)
  setResponseStatus(event, 201)
  return requestRefund(tenant.id, user.id, input, auditActor(event), {
    hotelOrigin: (slug) => hotelOrigin(event, slug),
  })
})
