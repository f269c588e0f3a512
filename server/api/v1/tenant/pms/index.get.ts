// GET /api/v1/tenant/pms — the hotel's PMS connection (state, last sync, delay, errors with advice;
// never the credentials) and the rooms board (each room's status and guest)
import { pmsOverview } from '../../../../services/pms'
import { periodKey } from '../../../../../shared/domain/schedule'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary:
    "the hotel's PMS connection (state, last sync, delay, errors with advice; never the credentials) and the " +
    "rooms board (each room's status and guest)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event)
  return pmsOverview(db, periodKey(new Date(), 'day'))
})
