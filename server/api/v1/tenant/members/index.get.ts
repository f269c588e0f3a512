// GET /api/v1/tenant/members — the hotel's staff (manager or owner)
import { listMembers } from '../../../../services/members'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return listMembers(db)
})
