import type { H3Event } from 'h3'
import { getRequestHost, getRequestProtocol } from 'h3'

/** The root domain's origin as this request reached it (scheme, APP_DOMAIN and port). */
export function rootOrigin(event: H3Event): string {
  const port = getRequestHost(event, { xForwardedHost: process.env.TRUST_PROXY === '1' }).match(/:(\d+)$/)?.[1]
  return `${getRequestProtocol(event, { xForwardedProto: process.env.TRUST_PROXY === '1' })}://${useRuntimeConfig().public.appDomain}${port ? `:${port}` : ''}`
}
