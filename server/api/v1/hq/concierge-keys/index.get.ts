// GET /api/v1/hq/concierge-keys — the OmotenasuAI concierge product's service keys (HQ; no hashes)
import { listConciergeKeys } from '../../../../services/api-keys'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listConciergeKeys()
})
