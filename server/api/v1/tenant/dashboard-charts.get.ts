// GET /api/v1/tenant/dashboard-charts — rooms by status; invoices of the last 12 months (owner/manager)
import { hotelCharts } from '../../../services/dashboards'

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event)
  return hotelCharts(db, membership.role)
})
