// GET /api/v1/hq/seller — the seller printed on invoices and, when it cannot issue, why (HQ)
import { sellerStatus } from '../../../lib/seller'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'the seller printed on invoices (SELLER_NAME, SELLER_REGISTRATION_NUMBER, SELLER_ADDRESS) and, when it cannot ' +
    'issue, why (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { seller, problem } = sellerStatus()
  return { seller, canIssue: !problem, problem }
})
