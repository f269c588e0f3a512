import type { ResolvedTenant } from './services/tenant-directory'

declare module 'h3' {
  interface H3EventContext {
    /** The hotel this Host names, or null on the root domain (agent portal, HQ, signup). */
    tenant: ResolvedTenant | null
    /** Who did what, for the audit log; set by the require* helpers. */
    actor?: { type: 'user' | 'pms_vendor' | 'concierge'; id: string }
    /** The user_sessions row of a signed-in request. */
    sessionId?: string
  }
}

export {}
