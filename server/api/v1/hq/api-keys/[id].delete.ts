// DELETE /api/v1/hq/api-keys/:id — revoke a PMS vendor key (HQ; audited)
import { revokeApiKey } from '../../../../services/api-keys'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const key = await revokeApiKey(routeParam(event, 'id'))
  await writeAudit(db, event, {
    action: 'revoke',
    entity: 'api_key',
    entityId: key.id,
    after: { revokedAt: key.revokedAt },
  })
  return { id: key.id, revokedAt: key.revokedAt }
})
