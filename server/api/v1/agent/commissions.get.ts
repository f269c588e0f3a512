// GET /api/v1/agent/commissions — the agent's commission ledger
import { commissionLedger } from '../../../services/referrals'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return commissionLedger({ referrerAgentId: agent.id })
})
