// PUT /api/v1/pms/invoice-registration — the calling vendor's qualified-invoice registration number, printed on its payout statements (API key; audited)
import { invoiceRegistrationInput } from '../../../../shared/schemas/payouts'
import { privilegedDb } from '../../../db/index'
import { setVendorRegistrationNumber } from '../../../services/registration-numbers'

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const { registrationNumber } = await readInput(event, invoiceRegistrationInput)
  return privilegedDb().$transaction(async (tx) => {
    const { before, after } = await setVendorRegistrationNumber(tx, vendor.id, registrationNumber)
    await writeAudit(tx, event, { action: 'update', entity: 'pms_vendor', entityId: vendor.id, before, after })
    return { registrationNumber }
  })
})
