// POST /api/v1/pms/referrals — a PMS vendor issues a referral code (API key; audited)
import { issueReferralInput } from '../../../../../shared/schemas/referrals'
import { defineApiMeta } from '../../../../openapi/meta'
export const meta = defineApiMeta({
  created: true,
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: 'a PMS vendor issues a referral code (API key; audited)',
  body: issueReferralInput,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return respondWithNewReferralCode(event, { type: 'pms_vendor', pmsVendorId: vendor.id })
})
