// PUT /api/v1/pms/hotels/:hotel/rooms — a vendor pushes room status for a hotel that connected it
// (API key; any other hotel is 404). Upserts on (hotel, vendor, external id); safe to replay.
import { pushRooms } from '../../../../../services/pms'
import { pmsRoomPushInput } from '../../../../../../shared/schemas/pms'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'PMS vendor API',
  security: 'apiKey',
  summary:
    'a vendor pushes room status for a hotel that connected it (API key; any other hotel is 404). Upserts on ' +
    '(hotel, vendor, external id); safe to replay.',
  body: pmsRoomPushInput,
})

export default defineEventHandler(async (event) => {
  const { vendor } = await requirePmsVendor(event)
  const { rooms } = await readInput(event, pmsRoomPushInput)
  return pushRooms(vendor.id, routeParam(event, 'hotel'), rooms)
})
