// GET /api/v1/tenant/invoice-registration — the hotel's qualified-invoice registration number,
// printed on its referral payout statements (any member)
import { tenantRegistrationNumber } from '../../../services/registration-numbers'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's qualified-invoice registration number, printed on its referral payout statements (any member)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return tenantRegistrationNumber(db)
})
