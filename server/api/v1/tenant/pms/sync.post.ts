// POST /api/v1/tenant/pms/sync — pull from the PMS now (owner or manager), instead of waiting for the
// 5-minute job; the same idempotent upserts
import { syncNow } from '../../../../services/pms'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    'pull from the PMS now (owner or manager), instead of waiting for the 5-minute job; the same idempotent upserts',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return syncNow(db)
})
