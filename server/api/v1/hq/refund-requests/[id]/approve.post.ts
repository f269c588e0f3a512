// POST /api/v1/hq/refund-requests/:id/approve — approve and pay back: Stripe, or the bank transfer
// HQ made; safe to retry (HQ; audited)
import { refundApprovalInput } from '../../../../../../shared/schemas/refunds'
import { approveRefundRequestById } from '../../../../../services/refund-requests'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, refundApprovalInput)
  return approveRefundRequestById(routeParam(event, 'id'), input, auditActor(event), {
    hotelOrigin: (slug) => hotelOrigin(event, slug),
  })
})
