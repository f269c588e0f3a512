// GET /api/v1/hq/pms-vendors — PMS vendors with their API keys (never the keys themselves) and their
// hotels' connections: how many, and how many are failing
import { listPmsVendors } from '../../../../services/pms-vendors'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listPmsVendors()
})
