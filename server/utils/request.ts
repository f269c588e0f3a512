import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import type { Lang } from '../lib/errors.ts'
import { langFrom } from '../lib/locale.ts'

/**
 * The client's address, or null: the socket's peer; behind a trusted proxy (TRUST_PROXY=1) the
 * last X-Forwarded-For entry, the one that proxy appended. Earlier entries are whatever the client
 * sent (h3's getRequestIP takes the first, which let anyone choose their address for throttling).
 */
export function clientAddressOrNull(event: H3Event): string | null {
  if (process.env.TRUST_PROXY === '1') {
    const last = getRequestHeader(event, 'x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1)
    if (last) return bareAddress(last)
  }
  const peer = event.node.req.socket.remoteAddress
  return peer ? bareAddress(peer) : null
}

/**
 * The address alone: some proxies append `ip:port` or `[ipv6]:port`, and a link-local address
 * may carry a zone (`%eth0`); left in, every new source port counted as a new address.
 */
function bareAddress(value: string): string {
  const bracketed = value.match(/^\[([^\]]+)\](?::\d+)?$/)?.[1]
  const v4 = value.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/)?.[1]
  return (bracketed ?? v4 ?? value).replace(/%.*$/, '')
}

/** The client's address (X-Forwarded-For only behind a trusted proxy, its last entry). */
export function clientAddress(event: H3Event): string {
  return clientAddressOrNull(event) ?? 'unknown'
}

/** The request's language: the person's chosen language, else Accept-Language, else Japanese. */
export function requestLang(event: H3Event): Lang {
  return langFrom(getRequestHeader(event, 'cookie'), getRequestHeader(event, 'accept-language'))
}
