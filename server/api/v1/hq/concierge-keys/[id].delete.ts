// DELETE /api/v1/hq/concierge-keys/:id — revoke a concierge service key (HQ; audited)
import { revokeConciergeKey } from '../../../../services/api-keys'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return revokeConciergeKey(routeParam(event, 'id'), auditActor(event))
})
