// PUT /api/v1/tenant/settings — replace the hotel's settings (manager or owner; audited)
import { tenantSettingsInput } from '../../../../shared/schemas/settings'
import { saveSettings } from '../../../services/settings'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "replace the hotel's settings (manager or owner; audited)",
  body: tenantSettingsInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, tenantSettingsInput)
  return saveSettings(db, input, auditActor(event))
})
