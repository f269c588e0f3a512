// GET /api/v1/pms/referrals — the vendor's referrals with status and earnings (API key)
import { referralsOf, trackingUrl } from '../../../../services/referrals'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: "the vendor's referrals with status and earnings (API key)",
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const origin = rootOrigin(event)
  return (await referralsOf({ referrerPmsVendorId: vendor.id })).map((r) => ({
    ...r,
    trackingUrl: trackingUrl(r.code, origin),
  }))
})
