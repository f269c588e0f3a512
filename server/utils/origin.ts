import type { H3Event } from 'h3'
import { getRequestHost, getRequestProtocol } from 'h3'

/**
 * The origin of `{sub.}APP_DOMAIN` as this request reached the platform (scheme and port kept).
 * The host is APP_DOMAIN, never the request's; its port is kept only when it is the port this
 * server listens on (plain `npm start`, tests) or APP_PUBLIC_PORT (a proxy's own port that is not the
 * scheme's default, as in `npm run test:cluster`). Any other port in a Host header is the client's
 * choice, and would put a link to a port of the client's choosing in a mailed reset link.
 */
function originOf(event: H3Event, subdomain?: string): string {
  const trust = process.env.TRUST_PROXY === '1'
  const claimed = getRequestHost(event, { xForwardedHost: trust }).match(/:(\d+)$/)?.[1]
  const ours = [event.node.req.socket.localPort, Number(process.env.APP_PUBLIC_PORT) || undefined]
  const port = claimed && ours.includes(Number(claimed)) ? claimed : undefined
  const host = `${subdomain ? `${subdomain}.` : ''}${useRuntimeConfig().public.appDomain}`
  return `${getRequestProtocol(event, { xForwardedProto: trust })}://${host}${port ? `:${port}` : ''}`
}

/** The root domain's origin (agent portal, HQ, signup). */
export const rootOrigin = (event: H3Event) => originOf(event)

/** A hotel's origin on its subdomain. */
export const hotelOrigin = (event: H3Event, slug: string) => originOf(event, slug)
