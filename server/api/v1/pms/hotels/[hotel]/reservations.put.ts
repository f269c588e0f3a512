// PUT /api/v1/pms/hotels/:hotel/reservations — a vendor pushes reservations (with cancellations) for
// a hotel that connected it (API key; any other hotel is 404). Upserts; safe to replay.
import { pushReservations } from '../../../../../services/pms'
import { pmsReservationPushInput } from '../../../../../../shared/schemas/pms'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary:
    'a vendor pushes reservations (with cancellations) for a hotel that connected it (API key; any other hotel is ' +
    '404). Upserts; safe to replay.',
  body: pmsReservationPushInput,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const { reservations } = await readInput(event, pmsReservationPushInput)
  return pushReservations(vendor.id, routeParam(event, 'hotel'), reservations)
})
