// Every change a person makes through the screens or the API is recorded: who, which tenant, what,
// before and after. Pass the transaction that made the change so both commit or neither does.
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { clientAddressOrNull } from './request'

interface AuditWriter {
  auditLog: { create: (args: { data: AuditData }) => Promise<unknown> }
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

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'revoke' | string
  entity: string
  entityId?: string | null
  tenantId?: string | null
  before?: unknown
  after?: unknown
}

/** JSON-safe copy (dates as ISO strings, bytes and secrets dropped). */
function snapshot(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (/password|secret|keyHash|credentials/i.test(key)) return '[redacted]'
      return typeof v === 'bigint' ? v.toString() : v
    }),
  )
}

/**
 * On a tenant client or transaction the entry belongs to that hotel (the extension sets tenant_id
 * and RLS checks it); on privilegedDb it names the entry's hotel, or none for HQ and platform work.
 */
export async function writeAudit(db: AuditWriter, event: H3Event, entry: AuditEntry): Promise<void> {
  const tenantId = entry.tenantId ?? event.context.tenant?.id
  await db.auditLog.create({
    data: {
      actorType: event.context.actor?.type ?? 'system',
      actorId: event.context.actor?.id ?? null,
      // Left out rather than null when unknown, so a tenant client fills in its own hotel.
      ...(tenantId ? { tenantId } : {}),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      ip: clientAddressOrNull(event),
      userAgent: getRequestHeader(event, 'user-agent')?.slice(0, 300) ?? null,
    },
  })
}

/** Who is acting, for a service that writes its own audit entry in its own transaction. */
export function auditActor(event: H3Event) {
  return {
    type: event.context.actor?.type ?? 'system',
    id: event.context.actor?.id ?? null,
    ip: clientAddressOrNull(event),
    userAgent: getRequestHeader(event, 'user-agent')?.slice(0, 300) ?? null,
  }
}
