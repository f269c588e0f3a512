// GET /api/v1/hq/seller — the seller printed on invoices and, when it cannot issue, why (HQ)
import { sellerStatus } from '../../../lib/seller'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { seller, problem } = sellerStatus()
  return { seller, canIssue: !problem, problem }
})
