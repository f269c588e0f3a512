// GET /api/v1/agent/bank-account — where the agent's payouts go, and its registration number
import { privilegedDb } from '../../../db/index'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const account = await privilegedDb().payeeBankAccount.findUnique({
    where: { payeeType_payeeId: { payeeType: 'agent', payeeId: agent.id } },
  })
  return { bankAccount: account, registrationNumber: agent.qualifiedInvoiceNumber }
})
