// GET /api/v1/agent/bank-account — where the agent's payouts go, and its registration number
import { bankAccountOf } from '../../../services/payouts'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "where the agent's payouts go, and its registration number",
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  return { bankAccount: await bankAccountOf('agent', agent.id), registrationNumber: agent.qualifiedInvoiceNumber }
})
