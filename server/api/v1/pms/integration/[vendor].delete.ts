// DELETE /api/v1/pms/integration/:vendor — disconnect: the credentials and mirrored guests are
// removed, the rooms stay (hotel host; owner or manager; audited)
import { disconnectPms } from '../../../../services/pms'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    'disconnect: the credentials and mirrored guests are removed, the rooms stay (hotel host; owner or manager; ' +
    'audited)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  return disconnectPms(db, routeParam(event, 'vendor'), auditActor(event))
})
