/** What a request's Host names: the root domain, a tenant subdomain, a custom domain, or an IP. */
export type HostTarget =
  { kind: 'root' } | { kind: 'subdomain'; slug: string } | { kind: 'custom'; domain: string } | { kind: 'ip' }

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** Lower-cased host without the port; IPv6 literals keep their brackets. */
export function hostname(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  return h.replace(/:\d+$/, '').replace(/\.$/, '')
}

/**
 * Resolves a Host header against APP_DOMAIN. `www.` counts as the root. A deeper subdomain
 * (a.b.APP_DOMAIN) or an invalid label is a custom domain lookup, which simply finds nothing.
 */
export function resolveHost(host: string | undefined, appDomain: string): HostTarget {
  if (!host) return { kind: 'root' }
  const name = hostname(host)
  const root = hostname(appDomain)
  if (name.startsWith('[') || IPV4.test(name)) return { kind: 'ip' }
  if (name === root || name === `www.${root}`) return { kind: 'root' }
  if (name.endsWith(`.${root}`)) {
    const label = name.slice(0, -(root.length + 1))
    if (SLUG.test(label)) return { kind: 'subdomain', slug: label }
  }
  return { kind: 'custom', domain: name }
}
