// GET /api/v1/pms/hotels — the calling vendor's connected hotels and each connection's health (API key)
import { vendorHotels } from '../../../../services/pms'

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  return vendorHotels(vendor.id)
})
