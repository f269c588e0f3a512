// GET /api/v1/agent/referrals — the agent's referrals with status and earnings
import { referralsOf, trackingUrl } from '../../../../services/referrals'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the agent's referrals with status and earnings",
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const origin = rootOrigin(event)
  return (await referralsOf({ referrerAgentId: agent.id })).map((r) => ({
    ...r,
    trackingUrl: trackingUrl(r.code, origin),
  }))
})
