// GET /api/v1/hq/pms-vendors — PMS vendors with their API keys (never the keys themselves) and their
// hotels' connections: how many, and how many are failing
import { listPmsVendors } from '../../../../services/pms-vendors'
import { defineApiMeta } from '../../../../openapi/meta'
import { pmsVendorList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    "PMS vendors with their API keys (never the keys themselves) and their hotels' connections: how many, and how " +
    'many are failing',
  response: pmsVendorList,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listPmsVendors()
})
