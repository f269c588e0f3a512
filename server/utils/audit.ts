// Routes build the actor of a change once, from the request, and hand it to the service that makes
// the change; the service writes the audit entry in its own transaction (server/services/audit.ts).
import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import type { Actor } from '../services/audit'
import { clientAddressOrNull } from './request'

/** Who is acting in this request (set by the require* doors), from where, with what. */
export function auditActor(event: H3Event): Actor {
  return {
    type: event.context.actor?.type ?? 'system',
    id: event.context.actor?.id ?? null,
    ip: clientAddressOrNull(event),
    userAgent: getRequestHeader(event, 'user-agent')?.slice(0, 300) ?? null,
    tenantId: event.context.tenant?.id ?? null,
  }
}
