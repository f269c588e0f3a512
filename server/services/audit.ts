// The one way an audit entry is written: the service that makes a change records it in the
// change's own transaction, given the actor the route built once with `auditActor(event)`
// (server/utils/audit.ts). Jobs and webhooks pass `systemActor(...)`.

/** Who made a change, as the audit log records it. */
export interface Actor {
  type: 'user' | 'pms_vendor' | 'concierge' | 'system'
  id: string | null
  ip: string | null
  userAgent: string | null
  /** The hotel whose host the request came on: an entry names it unless it names another. */
  tenantId?: string | null
}

/** What changed: the action on a target, and its state before and after. */
export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'revoke' | (string & {})
  entity: string
  entityId?: string | null
  /** The entry's hotel; on a tenant client or transaction the client fills in its own. */
  tenantId?: string | null
  before?: unknown
  after?: unknown
}

interface AuditData {
  actorType: string
  actorId: string | null
  tenantId?: string
  action: string
  entity: string
  entityId: string | null
  before?: object
  after?: object
  ip: string | null
  userAgent: string | null
}

/** Any client or transaction that can write audit_logs (tenant-scoped or privileged). */
export interface AuditWriter {
  auditLog: { create: (args: { data: AuditData }) => Promise<unknown> }
}

/** A change made by the platform itself (a job, a webhook): `id` names which. */
export function systemActor(id: string | null = null, ip: string | null = null): Actor {
  return { type: 'system', id, ip, userAgent: null }
}

/** A person acting outside a request's actor (sign-in flows): their user id and address. */
export function userActor(id: string, ip: string | null = null, userAgent: string | null = null): Actor {
  return { type: 'user', id, ip, userAgent }
}

/** JSON-safe copy (dates as ISO strings, bigints as strings, secrets redacted). */
function snapshot(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (/password|secret|keyHash|credentials/i.test(key)) return '[redacted]'
      return typeof v === 'bigint' ? v.toString() : v
    }),
  )
}

/** Writes one audit entry with `tx`, so it commits with the change or not at all. */
export async function recordAudit(tx: AuditWriter, actor: Actor, entry: AuditEntry): Promise<void> {
  const tenantId = entry.tenantId ?? actor.tenantId
  await tx.auditLog.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      // Left out rather than null when unknown, so a tenant client fills in its own hotel.
      ...(tenantId ? { tenantId } : {}),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      ip: actor.ip,
      userAgent: actor.userAgent,
    },
  })
}

/** The platform itself, unnamed (a scheduled job). */
export const SYSTEM_ACTOR: Actor = systemActor()
