// Issuing a referral code over the API, the same for an agent and a PMS vendor: validate the
// campaign and notes, issue, audit, answer 201 with the tracking URL on this platform's root.
import type { H3Event } from 'h3'
import { issueReferral, trackingUrl } from '../services/referrals'
import { auditActor } from './audit'
import { issueReferralInput } from '../../shared/schemas/referrals'

export async function respondWithNewReferralCode(event: H3Event, referrer: Parameters<typeof issueReferral>[0]) {
  const input = await readInput(event, issueReferralInput)
  const referral = await issueReferral(referrer, input, auditActor(event))
  setResponseStatus(event, 201)
  return {
    id: referral.id,
    code: referral.code,
    campaign: referral.campaign,
    trackingUrl: trackingUrl(referral.code, rootOrigin(event)),
  }
}
