// GET /api/v1/tenant/receipts — the hotel's receipts (領収書), newest first (manager or owner)
export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return db.receipt.findMany({ orderBy: { issuedAt: 'desc' } })
})
