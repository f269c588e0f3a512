// POST /api/v1/pms/referrals — a PMS vendor issues a referral code (API key; audited)
export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return respondWithNewReferralCode(event, { type: 'pms_vendor', pmsVendorId: vendor.id })
})
