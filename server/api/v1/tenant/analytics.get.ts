// GET /api/v1/tenant/analytics — room occupancy by status (plan feature: analytics)
import { requireFeature } from '../../../services/entitlements'
import { roomsByStatus } from '../../../services/hotel'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  await requireFeature(db, 'analytics')
  return roomsByStatus(db)
})
