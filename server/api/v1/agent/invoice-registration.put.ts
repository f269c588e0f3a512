// PUT /api/v1/agent/invoice-registration — the agent's qualified-invoice registration number (audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { setAgentRegistrationNumber } from '../../../services/agents'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return setAgentRegistrationNumber(agent, registrationNumber, auditActor(event))
})
