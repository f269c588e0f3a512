// GET /api/v1/tenant/analytics — room occupancy by status (plan feature: analytics)
import { requireFeature } from '../../../services/entitlements'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  await requireFeature(db, 'analytics')
  const byStatus = await db.room.groupBy({ by: ['status'], _count: { _all: true } })
  return { roomsByStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) }
})
