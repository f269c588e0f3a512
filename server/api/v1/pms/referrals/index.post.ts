// POST /api/v1/pms/referrals — a PMS vendor issues a referral code (API key; audited)
import { issueReferralInput } from '../../../../../shared/schemas/referrals'
import { privilegedDb } from '../../../../db/index'
import { issueReferralCode, trackingUrl } from '../../../../services/referrals'

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const input = await readInput(event, issueReferralInput)
  const referral = await issueReferralCode({ type: 'pms_vendor', pmsVendorId: vendor.id }, input)
  await writeAudit(privilegedDb(), event, { action: 'create', entity: 'referral', entityId: referral.id, after: { code: referral.code, campaign: referral.campaign } })
  setResponseStatus(event, 201)
  return { id: referral.id, code: referral.code, campaign: referral.campaign, trackingUrl: trackingUrl(referral.code, rootOrigin(event)) }
})
