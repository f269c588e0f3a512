// PUT /api/v1/tenant/roi/settings — minutes saved per conversation and staff hourly cost (manager or owner; audited)
import { roiSettingsInput } from '../../../../../shared/schemas/roi'
import { saveRoiSettings } from '../../../../services/roi'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'minutes saved per conversation and staff hourly cost, which feed ROI (manager or owner; audited)',
  body: roiSettingsInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'manager' })
  const input = await readInput(event, roiSettingsInput)
  return saveRoiSettings(db, input, auditActor(event))
})
