// GET /api/v1/pms/hotels — the calling vendor's connected hotels and each connection's health (API key)
import { vendorHotels } from '../../../../services/pms'
import { defineApiMeta } from '../../../../openapi/meta'
import { vendorHotelList } from '../../../../../shared/schemas/responses'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary: "the calling vendor's connected hotels and each connection's health (API key)",
  response: vendorHotelList,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return vendorHotels(vendor.id)
})
