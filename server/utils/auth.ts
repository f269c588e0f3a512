// The only doors into protected data. Each returns what the route may use, or throws:
// 401 not signed in, 403 not allowed, 404 for another hotel's host (its existence is not revealed).
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { privilegedDb, tenantDb } from '../db/index.ts'
import { Forbidden, NotFound, Unauthorized } from '../lib/errors.ts'
import { authenticateApiKey } from '../services/api-keys.ts'
import { roleAtLeast, type MembershipRoleName } from '../../shared/domain/roles.ts'

/** The signed-in user, re-read from the database so a disabled account stops at once. */
export async function requireSignedIn(event: H3Event) {
  const session = await getUserSession(event)
  if (!session.user) throw Unauthorized()
  const maxAgeMs = Number(useRuntimeConfig().session.maxAge) * 1000
  if (!session.loggedInAt || Date.now() - session.loggedInAt > maxAgeMs) {
    await clearUserSession(event)
    throw Unauthorized('Your session has expired. Please sign in again.')
  }
  const user = await privilegedDb().user.findUnique({ where: { id: session.user.id } })
  if (!user || user.disabled) {
    await clearUserSession(event)
    throw Unauthorized()
  }
  event.context.actor = { type: 'user', id: user.id }
  return { user, session }
}

/** A member of the Host's hotel with at least `role`; returns the tenant-scoped client. */
export async function requireTenantMember(event: H3Event, options: { role?: MembershipRoleName } = {}) {
  const tenant = event.context.tenant
  if (!tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  const db = tenantDb(tenant.id)
  const membership = await db.tenantMembership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } })
  if (!membership) throw NotFound()
  if (options.role && !roleAtLeast(membership.role, options.role)) {
    throw Forbidden(`This needs the ${options.role} role or above; you are ${membership.role}. Ask an owner of the hotel.`)
  }
  return { user, tenant, membership, db }
}

/** A signed-in user of an active agent, on the root domain. */
export async function requireAgent(event: H3Event) {
  if (event.context.tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  const agent = user.agentId ? await privilegedDb().agent.findUnique({ where: { id: user.agentId } }) : null
  if (!agent) throw Forbidden('This account is not a sales agent account.')
  if (agent.status !== 'active') throw Forbidden('This agent account is suspended. Contact OmotenasuAI HQ.')
  return { user, agent }
}

/** An HQ admin on the root domain; HQ works across tenants through privilegedDb. */
export async function requireHq(event: H3Event) {
  if (event.context.tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  if (!user.isHqAdmin) throw Forbidden('This needs an HQ administrator account.')
  return { user, db: privilegedDb() }
}

/** A PMS vendor by API key (Authorization: Bearer omk_…). */
export async function requirePmsVendor(event: H3Event) {
  const header = getRequestHeader(event, 'authorization')
  const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const { vendor, apiKeyId } = await authenticateApiKey(key)
  event.context.actor = { type: 'pms_vendor', id: vendor.id }
  return { vendor, apiKeyId }
}
