// PATCH /api/v1/hq/tenants/:id — suspend or reactivate a hotel (HQ; audited)
import { tenantStatusInput } from '../../../../../shared/schemas/hq'
import { setTenantStatus } from '../../../../services/tenant-lifecycle'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'suspend or reactivate a hotel (HQ; audited)',
  body: tenantStatusInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { status } = await readInput(event, tenantStatusInput)
  return setTenantStatus(routeParam(event, 'id'), status, auditActor(event))
})
