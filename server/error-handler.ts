// API errors as JSON { statusCode, message, data? }; page errors go on to Nuxt's error page with
// the same status and message. Registered first in nuxt.config's nitro:config hook.
import { getRequestHeader, send, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { toApiError } from './lib/api-error.ts'
import { langFrom } from './lib/locale.ts'

export default async function apiErrorHandler(error: unknown, event: H3Event) {
  const api = toApiError(error, langFrom(getRequestHeader(event, 'cookie'), getRequestHeader(event, 'accept-language')))
  if (api.statusCode === 500) console.error('[api] unhandled error', (error as { cause?: unknown })?.cause ?? error)
  const isApi = event.path.startsWith('/api/')
  if (!isApi) {
    // Let Nuxt render the page, with the mapped status instead of a blanket 500.
    const h3 = error as {
      statusCode?: number
      statusMessage?: string
      message?: string
      data?: unknown
      unhandled?: boolean
    }
    h3.statusCode = api.statusCode
    h3.message = api.message
    // 503 is a known condition (the database is away), not a bug: no stack trace per page meanwhile.
    if (api.statusCode < 500 || api.statusCode === 503) h3.unhandled = false
    if (api.data) h3.data = api.data
    return
  }
  const retry = api.data?.retryAfterSeconds
  if (typeof retry === 'number') setResponseHeader(event, 'Retry-After', retry)
  setResponseStatus(event, api.statusCode)
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return send(event, JSON.stringify(api))
}
