// GET /api/v1/tenant/settings — the hotel's settings
import { readSettings } from '../../../services/settings'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the hotel's settings",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return readSettings(db)
})
