// PUT /api/v1/agent/invoice-registration — the agent's qualified-invoice registration number (audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { setAgentRegistrationNumber } from '../../../services/agents'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "the agent's qualified-invoice registration number (audited)",
  body: invoiceRegistrationInput,
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return setAgentRegistrationNumber(agent, registrationNumber, auditActor(event))
})
