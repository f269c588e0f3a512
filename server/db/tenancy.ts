// Tenant scoping in the data layer. Three locks on every tenant table:
//  1. this Prisma extension rewrites every operation to the tenant (filters reads, counts,
//     aggregates, updates, deletes and upserts; sets tenant_id on creates; throws on anything it
//     cannot scope safely, such as nested relation writes or another tenant's id);
//  2. PostgreSQL row-level security (prisma/migrations/*_tenant_rls and later): every statement of
//     a scoped client runs in a transaction that first does set_config('app.tenant_id', id, true)
//     (on the app role's pool the four statements go out in one round trip: ./tenant-pool.ts);
//  3. grants (prisma/migrations/*_app_role_grants): the app role touches tenant tables and a few
//     read-only columns of plans and users, nothing else.
// Route files never hold an unscoped client for tenant data: they get a TenantDb from
// requireTenantMember(), or use privilegedDb explicitly for HQ work.
import type { PrismaClient } from './client.ts'
import { statementTenant, statementTenantClients } from './tenant-pool.ts'

/**
 * Every tenant table and the column that names its tenant. Keep in step with the migrations:
 * tests/integration/tenant-isolation.test.ts fails when a table with tenant_id is missing here.
 */
export const TENANT_MODELS = {
  Tenant: 'id',
  TenantSetting: 'tenantId',
  TenantMembership: 'tenantId',
  Invitation: 'tenantId',
  Room: 'tenantId',
  PmsIntegration: 'tenantId',
  AgentSale: 'tenantId',
  ReferralPayment: 'tenantId',
  Invoice: 'tenantId',
  InvoiceLine: 'tenantId',
  Payment: 'tenantId',
  CreditNote: 'tenantId',
  Receipt: 'tenantId',
  ReferralDiscount: 'tenantId',
  PmsReservation: 'tenantId',
  PmsWebhookEvent: 'tenantId',
  AuditLog: 'tenantId',
  Notification: 'tenantId',
  RefundRequest: 'tenantId',
  ConciergeUsage: 'tenantId',
  RoiMeasurement: 'tenantId',
  RoiCompensation: 'tenantId',
  ChurnScore: 'tenantId',
  HqTask: 'tenantId',
  KpiHotelMonth: 'tenantId',
} as const satisfies Record<string, 'id' | 'tenantId'>

export type TenantModel = keyof typeof TENANT_MODELS

/** JSON columns of tenant tables: an object written there is a value, not a nested relation write. */
export const TENANT_JSON_FIELDS: Partial<Record<TenantModel, readonly string[]>> = {
  PmsIntegration: ['lastSyncStats'],
  PmsWebhookEvent: ['payload'],
  AuditLog: ['before', 'after'],
  Notification: ['data'],
  Invoice: ['taxBreakdown'],
  CreditNote: ['taxBreakdown'],
  Receipt: ['taxBreakdown'],
  RefundRequest: ['manualTransfer', 'stripeRefunds'],
  ChurnScore: ['reasons'],
  HqTask: ['reasons'],
}

/** Thrown when an operation could reach outside the tenant; the API maps it to 404. */
export class TenantScopeError extends Error {
  override name = 'TenantScopeError'
}

const WHERE_OPERATIONS = new Set([
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'updateMany',
  'updateManyAndReturn',
  'deleteMany',
])
const UNIQUE_OPERATIONS = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete', 'upsert'])
const CREATE_OPERATIONS = new Set(['create', 'createMany', 'createManyAndReturn'])
const SCALAR_UPDATE_OPERATORS = new Set(['set', 'increment', 'decrement', 'multiply', 'divide', 'push', 'unset'])

type Args = Record<string, unknown>

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  )
}

/** Refuses data that names another tenant or writes through a relation (which RLS alone would guard). */
function checkData(model: string, key: string, data: unknown, tenantId: string, operation: string): void {
  if (!isPlainObject(data)) return
  for (const [field, value] of Object.entries(data)) {
    if (field === key && value !== tenantId && !(isPlainObject(value) && value.set === tenantId)) {
      throw new TenantScopeError(`${model}.${operation}: ${key} belongs to another tenant`)
    }
    if (
      isPlainObject(value) &&
      !TENANT_JSON_FIELDS[model as TenantModel]?.includes(field) &&
      !Object.keys(value).every((k) => SCALAR_UPDATE_OPERATORS.has(k))
    ) {
      throw new TenantScopeError(
        `${model}.${operation}: nested write through "${field}" cannot be tenant-scoped; write each table on its own`,
      )
    }
  }
}

function withTenantData(model: string, key: string, data: unknown, tenantId: string, operation: string): Args {
  checkData(model, key, data, tenantId, operation)
  return { ...(data as Args), [key]: tenantId }
}

function uniqueWhere(model: string, key: string, where: unknown, tenantId: string, operation: string): Args {
  if (!isPlainObject(where)) throw new TenantScopeError(`${model}.${operation}: a unique filter is required`)
  if (key in where && where[key] !== tenantId)
    throw new TenantScopeError(`${model}.${operation}: filter names another tenant`)
  return { ...where, [key]: tenantId }
}

/** The operation's arguments, rewritten to stay inside the tenant. Pure: unit-tested on its own. */
export function scopeArgs(model: string, operation: string, args: unknown, tenantId: string): Args {
  const key = TENANT_MODELS[model as TenantModel]
  if (!key) return (args ?? {}) as Args
  const a: Args = { ...((args ?? {}) as Args) }
  if (WHERE_OPERATIONS.has(operation)) {
    a.where = a.where ? { AND: [a.where, { [key]: tenantId }] } : { [key]: tenantId }
    if ('data' in a) checkData(model, key, a.data, tenantId, operation)
    return a
  }
  if (UNIQUE_OPERATIONS.has(operation)) {
    a.where = uniqueWhere(model, key, a.where, tenantId, operation)
    if (operation === 'update') checkData(model, key, a.data, tenantId, operation)
    if (operation === 'upsert') {
      a.create = withTenantData(model, key, a.create, tenantId, operation)
      checkData(model, key, a.update, tenantId, operation)
    }
    return a
  }
  if (CREATE_OPERATIONS.has(operation)) {
    a.data = Array.isArray(a.data)
      ? a.data.map((row) => withTenantData(model, key, row, tenantId, operation))
      : withTenantData(model, key, a.data, tenantId, operation)
    return a
  }
  throw new TenantScopeError(`${model}.${operation} cannot be tenant-scoped`)
}

function setTenant(db: { $executeRaw: PrismaClient['$executeRaw'] }, tenantId: string) {
  return db.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`
}

// Prisma batches concurrent findUnique calls into one query (its dataloader): from two tenants they
// would share one statement and one setting, so they keep a transaction of their own.
const BATCHED_OPERATIONS = new Set(['findUnique', 'findUniqueOrThrow'])

function extend(base: PrismaClient, tenantId: string, inTransaction: boolean) {
  const pipelined = statementTenantClients.has(base)
  return base.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = scopeArgs(model, operation, args, tenantId)
          if (inTransaction) return query(scoped)
          // One statement, one transaction: RLS sees the tenant for exactly this query. The app-role
          // pool writes BEGIN, the setting, the statement and COMMIT in one round trip.
          if (pipelined && !BATCHED_OPERATIONS.has(operation))
            return statementTenant.run(tenantId, async () => await query(scoped))
          const [, result] = await base.$transaction([setTenant(base, tenantId), query(scoped)])
          return result
        },
      },
    },
  })
}

type Extended = ReturnType<typeof extend>
type ClientMethods =
  | '$transaction'
  | '$queryRaw'
  | '$queryRawUnsafe'
  | '$executeRaw'
  | '$executeRawUnsafe'
  | '$extends'
  | '$connect'
  | '$disconnect'
  | '$on'

/** A transaction of one tenant: model delegates plus raw SQL, which RLS scopes to the tenant. */
export type TenantTx = Omit<Extended, '$transaction' | '$extends' | '$connect' | '$disconnect' | '$on'>

/** The client a tenant route holds. Raw SQL is available only inside $transaction. */
export type TenantDb = Omit<Extended, ClientMethods> & {
  readonly tenantId: string
  $transaction<T>(fn: (tx: TenantTx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>
}

const BLOCKED = new Set<string>([
  '$queryRaw',
  '$queryRawUnsafe',
  '$executeRaw',
  '$executeRawUnsafe',
  '$extends',
  '$connect',
  '$disconnect',
  '$on',
  '$use',
  '$runCommandRaw',
])

export function scopeToTenant(base: PrismaClient, tenantId: string): TenantDb {
  if (!tenantId) throw new TenantScopeError('scopeToTenant needs a tenant id')
  const perStatement = extend(base, tenantId, false)
  const transaction = <T>(fn: (tx: TenantTx) => Promise<T>, options?: { timeout?: number; maxWait?: number }) =>
    extend(base, tenantId, true).$transaction(async (tx) => {
      await setTenant(tx, tenantId)
      return fn(tx as unknown as TenantTx)
    }, options)
  return new Proxy(perStatement, {
    get(target, prop, receiver) {
      if (prop === 'tenantId') return tenantId
      if (prop === '$transaction') return transaction
      if (typeof prop === 'string' && BLOCKED.has(prop)) {
        throw new TenantScopeError(`${prop} is not available on a tenant client outside $transaction`)
      }
      return Reflect.get(target, prop, receiver)
    },
  }) as unknown as TenantDb
}
