// PUT /api/v1/tenant/invoice-registration — set the hotel's qualified-invoice registration number (owner; audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { privilegedDb } from '../../../db/index'
import { refreshDraftRegistrationNumbers, setTenantRegistrationNumber } from '../../../services/registration-numbers'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  const result = await setTenantRegistrationNumber(db, registrationNumber, (tx, before, after) =>
    writeAudit(tx as Parameters<typeof writeAudit>[0], event, {
      action: 'update',
      entity: 'tenant',
      entityId: db.tenantId,
      before,
      after,
    }),
  )
  await refreshDraftRegistrationNumbers(privilegedDb(), 'customer', db.tenantId, registrationNumber)
  return result
})
