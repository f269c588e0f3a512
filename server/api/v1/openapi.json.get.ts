// GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API (public; the reference page is /docs/api)
import { openApiDocument } from '../../openapi/document'

let cached: { origin: string; body: ReturnType<typeof openApiDocument> } | null = null

export default defineEventHandler((event) => {
  const origin = rootOrigin(event)
  if (cached?.origin !== origin) cached = { origin, body: openApiDocument(origin) }
  setResponseHeader(event, 'Cache-Control', 'public, max-age=300')
  return cached.body
})
