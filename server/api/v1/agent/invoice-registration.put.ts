// PUT /api/v1/agent/invoice-registration — the agent's qualified-invoice registration number (audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { privilegedDb } from '../../../db/index'
import { refreshDraftRegistrationNumbers } from '../../../services/registration-numbers'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  const updated = await privilegedDb().agent.update({
    where: { id: agent.id },
    data: { qualifiedInvoiceNumber: registrationNumber },
  })
  await refreshDraftRegistrationNumbers(privilegedDb(), 'agent', agent.id, registrationNumber)
  await writeAudit(privilegedDb(), event, {
    action: 'update',
    entity: 'agent',
    entityId: agent.id,
    before: { qualifiedInvoiceNumber: agent.qualifiedInvoiceNumber },
    after: { qualifiedInvoiceNumber: registrationNumber },
  })
  return { registrationNumber: updated.qualifiedInvoiceNumber }
})
