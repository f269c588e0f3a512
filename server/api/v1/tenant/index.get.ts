// GET /api/v1/tenant — the signed-in hotel's summary for its dashboard
import { hotelSummary } from '../../../services/hotel'
import { defineApiMeta } from '../../../openapi/meta'
import { hotelSummaryResponse } from '../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the signed-in hotel's summary for its dashboard",
  response: hotelSummaryResponse,
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event)
  return { ...(await hotelSummary(db)), role: membership.role }
})
