// Issuing a referral code over the API, the same for an agent and a PMS vendor: validate the
// campaign and notes, issue, audit, answer 201 with the tracking URL on this platform's root.
import type { H3Event } from 'h3'
import { privilegedDb } from '../db/index'
import { issueReferralCode, trackingUrl } from '../services/referrals'
import { issueReferralInput } from '../../shared/schemas/referrals'

export async function respondWithNewReferralCode(event: H3Event, referrer: Parameters<typeof issueReferralCode>[0]) {
  const input = await readInput(event, issueReferralInput)
  const referral = await issueReferralCode(referrer, input)
  await writeAudit(privilegedDb(), event, {
    action: 'create',
    entity: 'referral',
    entityId: referral.id,
    after: { code: referral.code, campaign: referral.campaign },
  })
  setResponseStatus(event, 201)
  return {
    id: referral.id,
    code: referral.code,
    campaign: referral.campaign,
    trackingUrl: trackingUrl(referral.code, rootOrigin(event)),
  }
}
