// GET /api/v1/hq/payouts/zengin-files/:id — a stored Zengin file, byte for byte as first downloaded (HQ)
import { payoutDesk } from '../../../../../services/payouts'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'a stored Zengin file, byte for byte as first downloaded (HQ)',
  produces: 'text/plain; charset=Shift_JIS',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return sendZenginFile(event, await payoutDesk.zenginFileById(routeParam(event, 'id')))
})
