import type { H3Event } from 'h3'
import { getRequestHeader, getRequestIP } from 'h3'
import type { Lang } from '../lib/errors'
import { langFrom } from '../lib/locale'

/** The client's address (X-Forwarded-For only behind a trusted proxy). */
export function clientAddress(event: H3Event): string {
  return getRequestIP(event, { xForwardedFor: process.env.TRUST_PROXY === '1' }) ?? 'unknown'
}

/** The request's language: the person's chosen language, else Accept-Language, else Japanese. */
export function requestLang(event: H3Event): Lang {
  return langFrom(getRequestHeader(event, 'cookie'), getRequestHeader(event, 'accept-language'))
}
