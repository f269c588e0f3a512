// GET /api/v1/hq/payouts/zengin-files/:id — a stored Zengin file, byte for byte as first downloaded (HQ)
import { zenginFileById } from '../../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const file = await zenginFileById(db, routeParam(event, 'id'))
  return sendZenginFile(event, file)
})
