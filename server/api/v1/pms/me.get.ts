// GET /api/v1/pms/me — the calling PMS vendor (API key), its partnership level and commission rate
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
