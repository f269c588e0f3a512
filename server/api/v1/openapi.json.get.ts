// GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API (public; the reference page is /docs/api)
import { openApiDocument } from '../../openapi/document'
import { defineApiMeta } from '../../openapi/meta'

let cached: { origin: string; body: ReturnType<typeof openApiDocument> } | null = null

export const meta = defineApiMeta({
  tag: 'Public',
  security: 'none',
  summary: 'The OpenAPI 3.1 document of this API (public; the reference page is /docs/api)',
})

export default defineEventHandler((event) => {
  const origin = rootOrigin(event)
  if (cached?.origin !== origin) cached = { origin, body: openApiDocument(origin) }
  setResponseHeader(event, 'Cache-Control', 'public, max-age=300')
  return cached.body
})
