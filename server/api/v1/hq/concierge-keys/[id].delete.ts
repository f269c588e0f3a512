// DELETE /api/v1/hq/concierge-keys/:id — revoke a concierge service key (HQ; audited)
import { revokeConciergeKey } from '../../../../services/api-keys'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'revoke a concierge service key (audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return revokeConciergeKey(routeParam(event, 'id'), auditActor(event))
})
