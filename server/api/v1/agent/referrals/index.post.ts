// POST /api/v1/agent/referrals — issue a referral code and tracking URL for the signed-in agent
export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return respondWithNewReferralCode(event, { type: 'agent', agentId: agent.id })
})
