// PUT /api/v1/tenant/invoice-registration — set the hotel's qualified-invoice registration number (owner; audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { setTenantRegistrationNumber } from '../../../services/registration-numbers'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    "set the hotel's qualified-invoice registration number (T + 13 digits, check digit verified) (owner; audited)",
  body: invoiceRegistrationInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return setTenantRegistrationNumber(db, registrationNumber, auditActor(event))
})
