// POST /api/v1/hq/refund-requests/:id/reject — reject a pending request with the reason the hotel reads (HQ; audited)
import { refundRejectionInput } from '../../../../../../shared/schemas/refunds'
import { rejectRefundRequestById } from '../../../../../services/refund-requests'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'reject a pending refund request with the reason the hotel reads (HQ; audited)',
  body: refundRejectionInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, refundRejectionInput)
  return rejectRefundRequestById(routeParam(event, 'id'), reason, auditActor(event), {
    hotelOrigin: (slug) => hotelOrigin(event, slug),
  })
})
