// GET /api/v1/agent/me — the signed-in agent's profile, rank and its terms
import { privilegedDb } from '../../../db/index'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const rank = await privilegedDb().agentRankSetting.findUniqueOrThrow({ where: { rank: agent.rank } })
  return {
    id: agent.id,
    companyName: agent.companyName,
    contactName: agent.contactName,
    rank: agent.rank,
    territory: agent.territory,
    terms: {
      firstYearMarginBps: rank.firstYearMarginBps,
      continuingMarginBps: rank.continuingMarginBps,
      annualSalesRequirement: rank.annualSalesRequirement,
      currency: rank.currency,
      benefits: rank.benefits,
    },
  }
})
