// GET /api/v1/hq/plans — the whole plan catalogue, inactive plans included (HQ)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.subscriptionPlan.findMany({
    orderBy: { sortOrder: 'asc' },
    include: { _count: { select: { tenants: true } } },
  })
})
