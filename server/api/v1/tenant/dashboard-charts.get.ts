// GET /api/v1/tenant/dashboard-charts — rooms by status; invoices of the last 12 months (owner/manager)
import { hotelCharts } from '../../../services/dashboards'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: "the dashboard's charts: rooms by status; invoices of the last 12 months (owner and manager only)",
})

export default defineEventHandler(async (event) => {
  const { db, membership } = await requireTenantMember(event)
  return hotelCharts(db, membership.role)
})
