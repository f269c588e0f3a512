// GET /api/v1/pms/commissions — the vendor's co-selling commission ledger and partnership level (API key)
import { commissionLedger } from '../../../services/referrals'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: "the vendor's co-selling commission ledger and partnership level (API key)",
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return {
    partnershipLevel: vendor.partnershipLevel,
    commissionRateBps: vendor.commissionRateBps,
    ledger: await commissionLedger({ referrerPmsVendorId: vendor.id }),
  }
})
