// GET /api/v1/tenant/members — the hotel's staff (manager or owner)
import { listMembers } from '../../../../services/members'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's staff (manager or owner)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return listMembers(db)
})
