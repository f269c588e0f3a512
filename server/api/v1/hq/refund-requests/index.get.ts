// GET /api/v1/hq/refund-requests?status= — the refund queue, each request with the hotel's history (HQ)
import { refundRequestListQuery } from '../../../../../shared/schemas/refunds'
import { listRefundRequests } from '../../../../services/refund-requests'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    "the refund queue (filter by status), each request with the hotel's history: payments, earlier requests, PMS (HQ)",
  query: refundRequestListQuery,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listRefundRequests(readQueryInput(event, refundRequestListQuery))
})
