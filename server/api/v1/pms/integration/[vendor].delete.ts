// DELETE /api/v1/pms/integration/:vendor — disconnect: the credentials and mirrored guests are
// removed, the rooms stay (hotel host; owner or manager; audited)
import { disconnectPms } from '../../../../services/pms'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const vendor = routeParam(event, 'vendor')
  const result = await disconnectPms(db, vendor)
  await writeAudit(db, event, {
    action: 'disconnect',
    entity: 'pms_integration',
    entityId: vendor,
    tenantId: db.tenantId,
    before: { vendor },
  })
  return result
})
