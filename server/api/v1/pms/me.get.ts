// GET /api/v1/pms/me — the calling PMS vendor (API key), its partnership level and commission rate
import { defineApiMeta } from '../../../openapi/meta'
import { vendorProfileResponse } from '../../../../shared/schemas/responses'
export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: 'the calling PMS vendor (API key), its partnership level and commission rate',
  response: vendorProfileResponse,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return {
    id: vendor.id,
    code: vendor.code,
    name: vendor.name,
    partnershipLevel: vendor.partnershipLevel,
    commissionRateBps: vendor.commissionRateBps,
  }
})
