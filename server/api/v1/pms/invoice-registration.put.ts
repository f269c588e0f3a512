// PUT /api/v1/pms/invoice-registration — the calling vendor's qualified-invoice registration number,
// printed on its payout statements (API key; audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { updateVendorRegistrationNumber } from '../../../services/pms-vendors'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary:
    "the calling vendor's qualified-invoice registration number (T + 13 digits, check digit verified), printed on " +
    'its payout statements (audited)',
  body: invoiceRegistrationInput,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return updateVendorRegistrationNumber(vendor.id, registrationNumber, auditActor(event))
})
