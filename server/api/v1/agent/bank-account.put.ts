// PUT /api/v1/agent/bank-account — set the payout account (validated against zengin-code; audited)
import { bankAccountInput } from '../../../../shared/schemas/payouts'
import { privilegedDb } from '../../../db/index'
import { saveBankAccount } from '../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const input = await readInput(event, bankAccountInput)
  const saved = await saveBankAccount('agent', agent.id, input)
  await writeAudit(privilegedDb(), event, {
    action: 'update',
    entity: 'payee_bank_account',
    entityId: agent.id,
    after: {
      bankCode: saved.bankCode,
      branchCode: saved.branchCode,
      accountNumber: `****${saved.accountNumber.slice(-3)}`,
    },
  })
  return saved
})
