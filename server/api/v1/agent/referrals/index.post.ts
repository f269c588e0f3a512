// POST /api/v1/agent/referrals — issue a referral code and tracking URL for the signed-in agent
import { privilegedDb } from '../../../../db/index'
import { issueReferralInput } from '../../../../../shared/schemas/referrals'
import { issueReferralCode, trackingUrl } from '../../../../services/referrals'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const input = await readInput(event, issueReferralInput)
  const referral = await issueReferralCode({ type: 'agent', agentId: agent.id }, input)
  await writeAudit(privilegedDb(), event, { action: 'create', entity: 'referral', entityId: referral.id, after: { code: referral.code, campaign: referral.campaign } })
  setResponseStatus(event, 201)
  return { id: referral.id, code: referral.code, campaign: referral.campaign, trackingUrl: trackingUrl(referral.code, rootOrigin(event)) }
})
