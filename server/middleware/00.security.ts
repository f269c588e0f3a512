// Security headers on every response, and an Origin check (CSRF) on every mutation that a
// browser session could make. Exempt: webhooks (no session; signed or secret-bearing) and requests
// authenticated by an `Authorization: Bearer` API key, a header a cross-site form cannot send.
// Not a path prefix: /api/v1/pms/integration/{vendor} is a cookie route under /api/v1/pms.
import { getRequestHeader, setResponseHeaders } from 'h3'
import { Forbidden, msg } from '../lib/errors'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const WEBHOOKS = '/api/webhooks/'

export default defineEventHandler((event) => {
  setResponseHeaders(event, {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(self), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(import.meta.dev
      ? {}
      : {
          'Content-Security-Policy':
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' " +
            "data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; " +
            "form-action 'self'; object-src 'none'",
        }),
    ...(getRequestHeader(event, 'x-forwarded-proto') === 'https'
      ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
      : {}),
  })

  if (!MUTATING.has(event.method) || event.path.startsWith(WEBHOOKS)) return
  if (/^Bearer\s+\S/i.test(getRequestHeader(event, 'authorization') ?? '')) return
  const host = getRequestHeader(event, 'host')
  const origin = getRequestHeader(event, 'origin') ?? refererOrigin(getRequestHeader(event, 'referer'))
  const fetchSite = getRequestHeader(event, 'sec-fetch-site')
  const hasCookie = Boolean(getRequestHeader(event, 'cookie'))
  const sameHost = origin ? safeHost(origin) === host : !hasCookie && fetchSite !== 'cross-site'
  if (!sameHost || fetchSite === 'cross-site') {
    throw Forbidden(
      msg(
        'cross_site_request',
        'ほかのサイトから送られたリクエストのため拒否しました(CSRF 対策)。' +
          'ページを再読み込みしてもう一度お試しください。',
        'This request came from another site and was refused (CSRF protection). Reload the page and try again.',
      ),
    )
  }
})

function refererOrigin(referer: string | undefined): string | undefined {
  return referer ? safeOrigin(referer) : undefined
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}
