// POST /api/v1/agent/referrals — issue a referral code and tracking URL for the signed-in agent
import { issueReferralInput } from '../../../../../shared/schemas/referrals'
import { defineApiMeta } from '../../../../openapi/meta'
export const meta = defineApiMeta({
  created: true,
  tag: 'Agent portal',
  security: 'agent',
  summary: 'issue a referral code and tracking URL for the signed-in agent',
  body: issueReferralInput,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return respondWithNewReferralCode(event, { type: 'agent', agentId: agent.id })
})
