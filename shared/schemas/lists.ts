// Query strings of the long lists (HQ tenants, invoices, agents, audit, job runs; an agent's
// commissions): one shape, `?page=&pageSize=&q=&<filters>&sort=&format=`, answered with
// `{ items, total, page, pageSize }` or, with `format=csv`, a CSV file. Bad values are a 400 with
// the field's message in the request's language (shared/i18n/field-messages.ts).
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const LIST_MAX_PAGE_SIZE = 100
/** A CSV export holds at most this many rows (the newest first); the UI says so when cut. */
export const CSV_MAX_ROWS = 10_000

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, fk('listFilter')).optional())
const day = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, fk('day'))
    .optional(),
)
const month = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}$/, fk('monthFormat'))
    .optional(),
)
const id = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(64).optional())

/** page, pageSize, q, format, and `sort` limited to the given keys (`-key` sorts descending). */
function listQuery<S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sorts: S,
  defaultSort: S[number] | `-${S[number]}`,
  filters: F,
) {
  const sortValues = [...sorts, ...sorts.map((s) => `-${s}`)] as [string, ...string[]]
  return z.object({
    page: z.coerce
      .number(fk('listPage'))
      .int(fk('listPage'))
      .min(1, fk('listPage'))
      .max(10_000, fk('listPage'))
      .default(1),
    pageSize: z.coerce
      .number(fk('listPageSize'))
      .int(fk('listPageSize'))
      .min(1, fk('listPageSize'))
      .max(LIST_MAX_PAGE_SIZE, fk('listPageSize'))
      .default(25),
    q: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || undefined : v),
      z.string().max(100, fk('listSearch')).optional(),
    ),
    sort: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(sortValues, fk('listSort')).default(defaultSort as string),
    ),
    format: z.enum(['json', 'csv'], fk('listFormat')).default('json'),
    ...filters,
  })
}

export const TENANT_STATUSES = ['active', 'past_due', 'suspended', 'cancelled'] as const
export const PLAN_CODES = [
  'LEISURE_ECONOMY',
  'LEISURE_STANDARD',
  'OMOTENASU_PROFESSIONAL',
  'OMOTENASU_ENTERPRISE',
] as const
export const INVOICE_STATUSES = ['open', 'paid', 'void', 'refunded'] as const
export const AGENT_STATUSES = ['active', 'suspended'] as const
export const AGENT_RANK_NAMES = ['bronze', 'silver', 'gold', 'platinum', 'diamond'] as const
export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const
export const COMMISSION_STATUSES = ['pending', 'paid', 'cancelled'] as const
export const ACTOR_TYPES = ['user', 'pms_vendor', 'system'] as const

/** GET /api/v1/hq/tenants: name, subdomain or operating company; status; plan. */
export const hqTenantListQuery = listQuery(['createdAt', 'name', 'slug'], '-createdAt', {
  status: optionalEnum(TENANT_STATUSES),
  plan: optionalEnum(PLAN_CODES),
})
/** GET /api/v1/hq/invoices: number or hotel; status; one hotel; issued between two days (Tokyo). */
export const hqInvoiceListQuery = listQuery(['issuedAt', 'number', 'total', 'periodStart'], '-issuedAt', {
  status: optionalEnum(INVOICE_STATUSES),
  tenantId: id,
  from: day,
  to: day,
})
/** GET /api/v1/hq/agents: company, contact or email; status; rank. */
export const hqAgentListQuery = listQuery(['createdAt', 'companyName', 'rank'], '-createdAt', {
  status: optionalEnum(AGENT_STATUSES),
  rank: optionalEnum(AGENT_RANK_NAMES),
})
const text = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z.string().max(100, fk('listSearch')).optional(),
)
/**
 * GET /api/v1/hq/audit-logs: who (an id, or a name or email typed), which hotel (an id, or a name
 * or subdomain typed), which action (`entity` or `entity.action`), between two days (Tokyo).
 */
export const auditListQuery = listQuery(['occurredAt'], '-occurredAt', {
  actorId: id,
  actor: text,
  actorType: optionalEnum(ACTOR_TYPES),
  tenantId: id,
  tenant: text,
  action: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, fk('listFilter'))
      .optional(),
  ),
  from: day,
  to: day,
})
/** GET /api/v1/hq/job-runs: job name or period; job; status. */
export const jobRunListQuery = listQuery(['startedAt', 'job'], '-startedAt', {
  job: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9:_-]{1,80}$/i, fk('listFilter'))
      .optional(),
  ),
  status: optionalEnum(JOB_RUN_STATUSES),
})
/** GET /api/v1/agent/commissions: hotel or code; status; months from–to (YYYY-MM). */
export const agentCommissionListQuery = listQuery(['month', 'amount'], '-month', {
  status: optionalEnum(COMMISSION_STATUSES),
  from: month,
  to: month,
})

export type HqTenantListQuery = z.infer<typeof hqTenantListQuery>
export type HqInvoiceListQuery = z.infer<typeof hqInvoiceListQuery>
export type HqAgentListQuery = z.infer<typeof hqAgentListQuery>
export type AuditListQuery = z.infer<typeof auditListQuery>
export type JobRunListQuery = z.infer<typeof jobRunListQuery>
export type AgentCommissionListQuery = z.infer<typeof agentCommissionListQuery>

/** What every list answers. */
export interface ListPage<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
