// GET /api/v1/hq/tenants — every hotel with its plan and room count (HQ, across tenants)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const tenants = await db.tenant.findMany({
    orderBy: { createdAt: 'asc' },
    include: {
      plan: { select: { planCode: true, name: true, monthlyPrice: true } },
      _count: { select: { rooms: true, memberships: true } },
    },
  })
  return tenants.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    status: t.status,
    billingCycle: t.billingCycle,
    plan: t.plan,
    rooms: t._count.rooms,
    members: t._count.memberships,
    createdAt: t.createdAt,
  }))
})
