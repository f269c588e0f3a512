// DELETE /api/v1/pms/integration/:vendor — disconnect: the credentials and mirrored guests are
// removed, the rooms stay (hotel host; owner or manager; audited)
import { disconnectPms } from '../../../../services/pms'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return disconnectPms(db, routeParam(event, 'vendor'), auditActor(event))
})
