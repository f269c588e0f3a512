// GET /api/v1/hq/refund-requests?status= — the refund queue, each request with the hotel's history (HQ)
import { refundRequestListQuery } from '../../../../../shared/schemas/refunds'
import { listRefundRequests } from '../../../../services/refund-requests'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listRefundRequests(readQueryInput(event, refundRequestListQuery))
})
