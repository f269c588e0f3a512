// The operations still described here rather than beside their route (see API_OPERATIONS).
import type { ApiOperation } from './meta.ts'
import { auditLogQuery, invoiceListQuery } from '../../shared/schemas/queries.ts'

export type { ApiOperation, ApiSecurity } from './meta.ts'

/**
 * Transitional: operations whose route file does not export `meta` yet. The document takes a
 * route's own `meta` first and these only for routes without one; move an entry into its route
 * file (`export const meta = defineApiMeta({ … })`, see server/openapi/meta.ts) and delete it here.
 */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/agent/commissions',
    tag: 'Agent portal',
    security: 'agent',
    summary: "the agent's commission ledger",
  },
  {
    method: 'get',
    path: '/api/v1/agent/dashboard',
    tag: 'Agent portal',
    security: 'agent',
    summary: "this month's sales, contracts, commission, and progress to the next rank",
  },
  {
    method: 'get',
    path: '/api/v1/hq/agents',
    tag: 'HQ',
    security: 'hq',
    summary: 'agents with rank, territory, users and latest rank changes (HQ)',
  },
  {
    method: 'get',
    path: '/api/v1/hq/audit-logs',
    tag: 'HQ',
    security: 'hq',
    summary: 'the latest audit entries (HQ)',
    query: auditLogQuery,
  },
  {
    method: 'get',
    path: '/api/v1/hq/invoices',
    tag: 'HQ',
    security: 'hq',
    summary: 'invoices across hotels (HQ)',
    query: invoiceListQuery,
  },
  { method: 'get', path: '/api/v1/hq/job-runs', tag: 'HQ', security: 'hq', summary: 'the latest scheduled job runs' },
  {
    method: 'get',
    path: '/api/v1/hq/tenants',
    tag: 'HQ',
    security: 'hq',
    summary: 'every hotel with its plan and room count (HQ, across tenants)',
  },
]
