// PUT /api/v1/agent/bank-account — set the payout account (validated against zengin-code; audited)
import { bankAccountInput } from '../../../../shared/schemas/payouts'
import { saveBankAccount } from '../../../services/payouts'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: 'set the payout account (validated against zengin-code; audited)',
  body: bankAccountInput,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const input = await readInput(event, bankAccountInput)
  return saveBankAccount('agent', agent.id, input, auditActor(event))
})
