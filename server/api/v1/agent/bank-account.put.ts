// PUT /api/v1/agent/bank-account — set the payout account (validated against zengin-code; audited)
import { bankAccountInput } from '../../../../shared/schemas/payouts'
import { saveBankAccount } from '../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const input = await readInput(event, bankAccountInput)
  return saveBankAccount('agent', agent.id, input, auditActor(event))
})
