// GET /api/v1/tenant/analytics — room occupancy by status (plan feature: analytics)
import { requireFeature } from '../../../services/entitlements'
import { roomsByStatus } from '../../../services/hotel'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'room occupancy by status (plan feature: analytics)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  await requireFeature(db, 'analytics')
  return roomsByStatus(db)
})
