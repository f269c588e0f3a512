// POST /api/v1/hq/refund-requests/:id/approve — approve and pay back: Stripe, or the bank transfer
// HQ made; safe to retry (HQ; audited)
import { refundApprovalInput } from '../../../../../../shared/schemas/refunds'
import { approveRefundRequestById } from '../../../../../services/refund-requests'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'approve a refund request and pay it back: through Stripe (idempotency key per request and invoice) or the ' +
    'bank transfer HQ made; credit notes, commissions cancelled or clawed back, a full refund cancels the hotel ' +
    'at the end of its paid period; safe to retry (HQ; audited)',
  body: refundApprovalInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, refundApprovalInput)
  return approveRefundRequestById(routeParam(event, 'id'), input, auditActor(event), {
    hotelOrigin: (slug) => hotelOrigin(event, slug),
  })
})
