// Which tenant a Host names. Runs before anyone is signed in, so it reads through privilegedDb;
// it returns only the directory fields the middleware needs. A short cache spares a query per
// request; status changes (suspension) take effect within TENANT_CACHE_MS.
import { privilegedDb } from '../db/index.ts'
import type { HostTarget } from '../../shared/domain/host.ts'

export interface ResolvedTenant {
  id: string
  slug: string
  name: string
  status: 'active' | 'past_due' | 'suspended' | 'cancelled'
}

const TENANT_CACHE_MS = 5_000
const cache = new Map<string, { at: number; tenant: ResolvedTenant | null }>()

export function forgetTenantCache(): void {
  cache.clear()
}

export async function findTenantForHost(
  target: Extract<HostTarget, { kind: 'subdomain' | 'custom' }>,
  now = Date.now(),
): Promise<ResolvedTenant | null> {
  const key = target.kind === 'subdomain' ? `s:${target.slug}` : `d:${target.domain}`
  const hit = cache.get(key)
  if (hit && now - hit.at < TENANT_CACHE_MS) return hit.tenant
  const where = target.kind === 'subdomain' ? { slug: target.slug } : { domain: target.domain }
  const tenant = await privilegedDb().tenant.findUnique({
    where,
    select: { id: true, slug: true, name: true, status: true },
  })
  if (cache.size > 10_000) cache.clear()
  cache.set(key, { at: now, tenant })
  return tenant
}
