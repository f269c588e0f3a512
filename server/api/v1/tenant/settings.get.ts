// GET /api/v1/tenant/settings — the hotel's settings
import { readSettings } from '../../../services/settings'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return readSettings(db)
})
