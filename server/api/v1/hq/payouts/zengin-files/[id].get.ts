// GET /api/v1/hq/payouts/zengin-files/:id — a stored Zengin file, byte for byte as first downloaded (HQ)
import { payoutDesk } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return sendZenginFile(event, await payoutDesk.zenginFileById(routeParam(event, 'id')))
})
