// GET /api/v1/tenant/invoice-registration — the hotel's qualified-invoice registration number,
// printed on its referral payout statements (any member)
import { tenantRegistrationNumber } from '../../../services/registration-numbers'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return tenantRegistrationNumber(db)
})
