// GET /api/v1/hq/concierge-keys — the OmotenasuAI concierge product's service keys (HQ; no hashes)
import { listConciergeKeys } from '../../../../services/api-keys'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "the concierge product's service keys (never their secrets)",
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listConciergeKeys()
})
