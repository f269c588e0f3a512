// The only doors into protected data. Each returns what the route may use, or throws:
// 401 not signed in, 403 not allowed, 404 for another hotel's host (its existence is not revealed).
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { privilegedDb, tenantDb } from '../db/index.ts'
import { liveSession } from '../services/sessions.ts'
import { Forbidden, msg, NotFound } from '../lib/errors.ts'
import { authenticateApiKey, authenticateConciergeKey } from '../services/api-keys.ts'
import { roleAtLeast, type MembershipRoleName } from '../../shared/domain/roles.ts'

const ROLE_JA: Record<MembershipRoleName, string> = { owner: 'オーナー', manager: 'マネージャー', staff: 'スタッフ' }

/**
 * The signed-in user of a live session (server/services/sessions.ts): the session row is re-read
 * on every request, so a revoked, expired or disabled one stops at once.
 */
export async function requireSignedIn(event: H3Event) {
  const { session, user } = await liveSession(event)
  event.context.actor = { type: 'user', id: user.id }
  event.context.sessionId = session.id
  return { user, session }
}

/** A member of the Host's hotel with at least `role`; returns the tenant-scoped client. */
export async function requireTenantMember(event: H3Event, options: { role?: MembershipRoleName } = {}) {
  const tenant = event.context.tenant
  if (!tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  const db = tenantDb(tenant.id)
  const membership = await db.tenantMembership.findUnique({
    where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
  })
  if (!membership) throw NotFound()
  if (options.role && !roleAtLeast(membership.role, options.role)) {
    throw Forbidden(
      msg(
        'role_required',
        `この操作には${ROLE_JA[options.role]}以上の権限が必要です（あなたは${ROLE_JA[membership.role]}です）。` +
          `ホテルのオーナーにご相談ください。`,
        `This needs the ${options.role} role or above; you are ${membership.role}. Ask an owner of the hotel.`,
      ),
    )
  }
  return { user, tenant, membership, db }
}

/** A signed-in user of an active agent, on the root domain. */
export async function requireAgent(event: H3Event) {
  if (event.context.tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  const agent = user.agentId ? await privilegedDb().agent.findUnique({ where: { id: user.agentId } }) : null
  if (!agent)
    throw Forbidden(
      msg(
        'not_an_agent',
        'このアカウントは代理店アカウントではありません。',
        'This account is not a sales agent account.',
      ),
    )
  if (agent.status !== 'active')
    throw Forbidden(
      msg(
        'agent_suspended',
        'この代理店アカウントは停止されています。OmotenasuAI 本部にお問い合わせください。',
        'This agent account is suspended. Contact OmotenasuAI HQ.',
      ),
    )
  return { user, agent }
}

/** An HQ admin on the root domain; HQ works across tenants through privilegedDb. */
export async function requireHq(event: H3Event) {
  if (event.context.tenant) throw NotFound()
  const { user } = await requireSignedIn(event)
  if (!user.isHqAdmin)
    throw Forbidden(
      msg('hq_only', 'この操作には本部管理者アカウントが必要です。', 'This needs an HQ administrator account.'),
    )
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

/** The OmotenasuAI concierge product by its service key (Authorization: Bearer omc_…). */
export async function requireConciergeProduct(event: H3Event) {
  const header = getRequestHeader(event, 'authorization')
  const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const { apiKeyId } = await authenticateConciergeKey(key)
  event.context.actor = { type: 'concierge', id: apiKeyId }
  return { apiKeyId }
}
