// DELETE /api/v1/hq/api-keys/:id — revoke a PMS vendor key (HQ; audited)
import { revokeApiKey } from '../../../../services/api-keys'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'revoke a PMS vendor key (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return revokeApiKey(routeParam(event, 'id'), auditActor(event))
})
