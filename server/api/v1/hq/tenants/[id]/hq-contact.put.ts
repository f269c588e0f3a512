// PUT /api/v1/hq/tenants/:id/hq-contact — the HQ administrator who looks after the hotel (HQ; audited)
import { tenantHqContactInput } from '../../../../../../shared/schemas/hq'
import { setHqContact } from '../../../../../services/hq-contact'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "set or clear the HQ administrator who looks after a hotel (its churn alerts' recipient; audited)",
  body: tenantHqContactInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { userId } = await readInput(event, tenantHqContactInput)
  return setHqContact(routeParam(event, 'id'), userId, auditActor(event))
})
