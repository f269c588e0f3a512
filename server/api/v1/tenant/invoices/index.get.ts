// GET /api/v1/tenant/invoices — the hotel's invoices with their lines (manager or owner)
export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return db.invoice.findMany({
    orderBy: { periodStart: 'desc' },
    include: { lines: { orderBy: { sortOrder: 'asc' } } },
  })
})
