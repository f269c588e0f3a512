// PUT /api/v1/pms/invoice-registration — the calling vendor's qualified-invoice registration number,
// printed on its payout statements (API key; audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { updateVendorRegistrationNumber } from '../../../services/pms-vendors'

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return updateVendorRegistrationNumber(vendor.id, registrationNumber, auditActor(event))
})
