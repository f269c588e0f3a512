// GET /api/v1/tenant/invoice-registration — the hotel's qualified-invoice registration number, printed on its referral payout statements (any member)
export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: db.tenantId } })
  return { registrationNumber: tenant.qualifiedInvoiceNumber }
})
