// Tenant isolation, proved for every tenant table, layer by layer:
//  - the scoped client (extension + RLS) cannot read, count, aggregate, update, delete, upsert or
//    create across tenants;
//  - the extension alone (on the RLS-bypassing client) still confines every operation;
//  - RLS alone (raw SQL as the app role) shows nothing without the tenant setting and refuses
//    writes into another tenant.
// Removing either layer for any table makes a test here fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scopeToTenant, TENANT_MODELS, TenantScopeError, type TenantModel } from '../../server/db/tenancy'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'

let db: ReturnType<typeof testClients>
const ids: Record<'A' | 'B', Record<TenantModel, Record<string, unknown>>> = { A: {} as never, B: {} as never }
let tenantA = ''
let tenantB = ''
let shared: { userA: string; userB: string; vendorId: string; agentId: string; referralA: string; referralB: string }

/** Each tenant table: its delegate, SQL table, how to make a row, its unique key, a harmless update. */
interface ModelSpec {
  delegate: string
  table: string
  make: (tenantId: string, side: 'A' | 'B') => Record<string, unknown>
  unique: (row: Record<string, unknown>) => Record<string, unknown>
  change: Record<string, unknown>
}

const SPECS: Record<TenantModel, ModelSpec> = {
  Tenant: { delegate: 'tenant', table: 'tenants', make: () => ({}), unique: (r) => ({ id: r.id }), change: { name: 'hijacked' } },
  TenantSetting: { delegate: 'tenantSetting', table: 'tenant_settings', make: (tenantId) => ({ tenantId }), unique: (r) => ({ tenantId: r.tenantId }), change: { staffHourlyCost: 1 } },
  TenantMembership: { delegate: 'tenantMembership', table: 'tenant_memberships', make: (tenantId, side) => ({ tenantId, userId: side === 'A' ? shared.userA : shared.userB, role: 'staff' }), unique: (r) => ({ tenantId_userId: { tenantId: r.tenantId, userId: r.userId } }), change: { role: 'owner' } },
  Invitation: { delegate: 'invitation', table: 'invitations', make: (tenantId, side) => ({ tenantId, email: `invitee-${side}@test.example`, name: side, role: 'staff', tokenHash: uniq(`tok-${side}`), expiresAt: new Date('2030-01-01') }), unique: (r) => ({ id: r.id }), change: { name: 'hijacked' } },
  Room: { delegate: 'room', table: 'rooms', make: (tenantId) => ({ tenantId, roomNumber: '101' }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { name: 'hijacked' } },
  PmsIntegration: { delegate: 'pmsIntegration', table: 'pms_integrations', make: (tenantId) => ({ tenantId, pmsVendorId: shared.vendorId, feature: 'room_status' }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { lastError: 'hijacked' } },
  AgentSale: { delegate: 'agentSale', table: 'agent_sales', make: (tenantId, side) => ({ tenantId, agentId: shared.agentId, referralId: side === 'A' ? shared.referralA : shared.referralB, planCode: 'LEISURE_ECONOMY', contractStartDate: new Date('2026-04-01'), monthlyFee: 29_800 }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { monthlyFee: 1 } },
  Invoice: { delegate: 'invoice', table: 'invoices', make: (tenantId, side) => ({ tenantId, id: `inv-${side}-${tenantId.slice(-6)}`, number: `INV-${side}`, periodStart: new Date('2026-04-01'), periodEnd: new Date('2026-05-01'), months: 1, planCode: 'LEISURE_ECONOMY', billingCycle: 'monthly', subtotal: 29_800, tax: 2_980, total: 32_780, dueDate: new Date('2026-04-15') }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { total: 1 } },
  InvoiceLine: { delegate: 'invoiceLine', table: 'invoice_lines', make: (tenantId, side) => ({ tenantId, invoiceId: `inv-${side}-${tenantId.slice(-6)}`, kind: 'plan', description: 'Plan', amount: 29_800 }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { amount: 1 } },
  Payment: { delegate: 'payment', table: 'payments', make: (tenantId, side) => ({ tenantId, invoiceId: `inv-${side}-${tenantId.slice(-6)}`, amount: 32_780, method: 'manual' }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { amount: 1 } },
  ReferralDiscount: { delegate: 'referralDiscount', table: 'referral_discounts', make: (tenantId, side) => ({ tenantId, referralId: side === 'A' ? shared.referralA : shared.referralB }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { monthsRemaining: 0 } },
  PmsReservation: { delegate: 'pmsReservation', table: 'pms_reservations', make: (tenantId, side) => ({ tenantId, pmsVendorId: shared.vendorId, externalId: `res-${side}`, guestName: `Guest ${side}`, arrival: new Date('2026-11-20'), departure: new Date('2026-11-22'), status: 'confirmed' }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { guestName: 'hijacked' } },
  PmsWebhookEvent: { delegate: 'pmsWebhookEvent', table: 'pms_webhook_events', make: (tenantId, side) => ({ tenantId, pmsVendorId: shared.vendorId, payload: { side } }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { error: 'hijacked' } },
  ReferralPayment: { delegate: 'referralPayment', table: 'referral_payments', make: (tenantId, side) => ({ tenantId, referralId: side === 'A' ? shared.referralA : shared.referralB, paymentMonth: new Date('2026-05-01'), contractMonth: 2, feeAttributable: 29_800, rateBps: 2_000, amount: 5_960 }), unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }), change: { amount: 1 } },
}

const MODELS = Object.keys(TENANT_MODELS) as TenantModel[]
type Op = (args?: any) => Promise<any>
interface Delegate { findMany: Op; findFirst: Op; findUnique: Op; count: Op; aggregate: Op; groupBy: Op; update: Op; updateMany: Op; delete: Op; deleteMany: Op; upsert: Op; create: Op; createMany: Op }
const delegate = (client: unknown, model: TenantModel) => (client as Record<string, Delegate>)[SPECS[model].delegate]!
const whereB = (model: TenantModel) => (model === 'Tenant' ? { id: tenantB } : { tenantId: tenantB })
const rowIdOf = (model: TenantModel, row: Record<string, unknown>) => JSON.stringify(SPECS[model].unique(row))

async function snapshotOfB(model: TenantModel) {
  return delegate(db.privileged, model).findUnique({ where: SPECS[model].unique(ids.B[model]) })
}

beforeAll(async () => {
  db = testClients()
  const p = db.privileged
  await ensureCatalogue(p)
  const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const a = await p.tenant.create({ data: { slug: uniq('iso-a'), name: 'Isolation A', planId: plan.id } })
  const b = await p.tenant.create({ data: { slug: uniq('iso-b'), name: 'Isolation B', planId: plan.id } })
  tenantA = a.id
  tenantB = b.id
  const userA = await p.user.create({ data: { email: `${uniq('a')}@test.example`, name: 'A', passwordHash: 'x' } })
  const userB = await p.user.create({ data: { email: `${uniq('b')}@test.example`, name: 'B', passwordHash: 'x' } })
  const vendor = await p.pmsVendor.create({ data: { code: uniq('pms'), name: 'Fake PMS' } })
  const agent = await p.agent.create({ data: { companyName: 'Agent Co', contactName: 'X', email: 'agent@test.example' } })
  const referralA = await p.referral.create({ data: { code: uniq('ref'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: a.id } })
  const referralB = await p.referral.create({ data: { code: uniq('ref'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: b.id } })
  shared = { userA: userA.id, userB: userB.id, vendorId: vendor.id, agentId: agent.id, referralA: referralA.id, referralB: referralB.id }
  ids.A.Tenant = a as never
  ids.B.Tenant = b as never
  for (const model of MODELS.filter((m) => m !== 'Tenant')) {
    ids.A[model] = (await delegate(p, model).create({ data: SPECS[model].make(a.id, 'A') })) as Record<string, unknown>
    ids.B[model] = (await delegate(p, model).create({ data: SPECS[model].make(b.id, 'B') })) as Record<string, unknown>
  }
})

afterAll(async () => {
  await db?.close()
})

describe.each(MODELS)('%s: the scoped client of tenant A (extension + RLS)', (model) => {
  const spec = SPECS[model]
  const scoped = () => delegate(scopeToTenant(db.app, tenantA), model)
  const bKey = () => spec.unique(ids.B[model])

  it('reads only A: findMany, findFirst, findUnique', async () => {
    const rows = (await scoped().findMany()) as Record<string, unknown>[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map((r) => rowIdOf(model, r))).not.toContain(rowIdOf(model, ids.B[model]))
    expect(rows.every((r) => (model === 'Tenant' ? r.id : r.tenantId) === tenantA)).toBe(true)
    expect(await scoped().findFirst({ where: whereB(model) })).toBeNull()
    const unique = await scoped().findUnique({ where: bKey() }).catch((e: unknown) => e)
    expect(unique === null || unique instanceof TenantScopeError).toBe(true)
  })

  it('counts and aggregates only A', async () => {
    expect(await scoped().count()).toBe(1)
    const agg = (await scoped().aggregate({ _count: { _all: true } })) as { _count: { _all: number } }
    expect(agg._count._all).toBe(1)
    const by = model === 'Tenant' ? 'id' : 'tenantId'
    const groups = (await scoped().groupBy({ by: [by], _count: { _all: true } })) as Record<string, unknown>[]
    expect(groups.map((g) => g[by])).toEqual([tenantA])
  })

  it('cannot update B (update, updateMany)', async () => {
    const before = await snapshotOfB(model)
    expect(await scoped().updateMany({ where: whereB(model), data: spec.change })).toEqual({ count: 0 })
    await expect(scoped().update({ where: bKey(), data: spec.change })).rejects.toBeTruthy()
    expect(await snapshotOfB(model)).toEqual(before)
  })

  it('cannot delete B (delete, deleteMany)', async () => {
    expect(await scoped().deleteMany({ where: whereB(model) })).toEqual({ count: 0 })
    await expect(scoped().delete({ where: bKey() })).rejects.toBeTruthy()
    expect(await snapshotOfB(model)).not.toBeNull()
  })

  it('cannot upsert into B', async () => {
    const before = await snapshotOfB(model)
    const create = model === 'Tenant' ? { slug: uniq('x'), name: 'x', planId: (ids.B.Tenant as { planId: string }).planId } : spec.make(tenantB, 'B')
    await scoped().upsert({ where: bKey(), create, update: spec.change }).catch(() => null)
    expect(await snapshotOfB(model)).toEqual(before)
    expect(await delegate(db.privileged, model).count({ where: whereB(model) })).toBe(1)
  })

  it('cannot create into B (create, createMany)', async () => {
    if (model === 'Tenant') {
      await expect(scoped().create({ data: { id: tenantB, slug: uniq('x'), name: 'x', planId: (ids.B.Tenant as { planId: string }).planId } })).rejects.toBeTruthy()
    } else {
      await expect(scoped().create({ data: spec.make(tenantB, 'B') })).rejects.toBeInstanceOf(TenantScopeError)
      await expect(scoped().createMany({ data: [spec.make(tenantB, 'B')] })).rejects.toBeInstanceOf(TenantScopeError)
    }
    expect(await delegate(db.privileged, model).count({ where: whereB(model) })).toBe(1)
  })
})

describe.each(MODELS)('%s: the extension alone confines tenant A (on the RLS-bypassing client)', (model) => {
  const spec = SPECS[model]
  const scoped = () => delegate(scopeToTenant(db.privileged, tenantA), model)

  it('reads, counts, updates and deletes nothing of B', async () => {
    const rows = (await scoped().findMany()) as Record<string, unknown>[]
    expect(rows.map((r) => rowIdOf(model, r))).toEqual([rowIdOf(model, ids.A[model])])
    expect(await scoped().count()).toBe(1)
    const before = await snapshotOfB(model)
    expect(await scoped().updateMany({ where: whereB(model), data: spec.change })).toEqual({ count: 0 })
    expect(await scoped().deleteMany({ where: whereB(model) })).toEqual({ count: 0 })
    expect(await snapshotOfB(model)).toEqual(before)
  })
})

describe.each(MODELS)('%s: row-level security alone (raw SQL as the app role)', (model) => {
  const table = SPECS[model].table
  const col = model === 'Tenant' ? 'id' : 'tenant_id'

  it('a query that forgets the tenant sees no rows', async () => {
    const [all] = await db.privileged.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(all!.n).toBeGreaterThanOrEqual(2)
    const [seen] = await db.app.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(seen!.n).toBe(0)
  })

  it('with the tenant set, sees only that tenant and cannot write into another', async () => {
    await db.app.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantA}, true)`
      const rows = await tx.$queryRawUnsafe<{ t: string }[]>(`SELECT ${col} AS t FROM "${table}"`)
      expect(rows.length).toBeGreaterThan(0)
      expect(new Set(rows.map((r) => r.t))).toEqual(new Set([tenantA]))
      expect(await tx.$executeRawUnsafe(`UPDATE "${table}" SET ${col} = ${col} WHERE ${col} = $1`, tenantB)).toBe(0)
      expect(await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE ${col} = $1`, tenantB)).toBe(0)
    })
    // Moving A's row to B is refused by WITH CHECK.
    await expect(db.app.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantA}, true)`
      await tx.$executeRawUnsafe(`UPDATE "${table}" SET ${col} = $1 WHERE ${col} = $2`, tenantB, tenantA)
    })).rejects.toThrow(/row-level security|violates/)
  })

  it('the tenant setting does not leak to the next pooled query', async () => {
    await db.app.$transaction(async (tx) => { await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantA}, true)` })
    const [seen] = await db.app.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(seen!.n).toBe(0)
  })
})

describe('the schema keeps the rule for tables to come', () => {
  it('every table with tenant_id is a tenant model, with RLS enabled, forced and a policy', async () => {
    const tables = await db.privileged.$queryRaw<{ table_name: string; rls: boolean; forced: boolean; policies: number }[]>`
      SELECT c.relname AS table_name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname AND p.schemaname = 'public') AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (EXISTS (SELECT 1 FROM information_schema.columns col WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id' AND col.is_nullable = 'NO')
             OR c.relname IN ('tenants', 'invitations'))`
    const known = Object.values(SPECS).map((s) => s.table).sort()
    expect(tables.map((t) => t.table_name).sort()).toEqual(known)
    for (const t of tables) expect(t, t.table_name).toMatchObject({ rls: true, forced: true, policies: 1 })
  })

  it('the app role owns nothing and cannot bypass RLS', async () => {
    const [role] = await db.privileged.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }[]>`
      SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`
    expect(role).toBeDefined()
    const [app] = await db.app.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }[]>`
      SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`
    expect(app).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 })
  })

  it('a tenant client refuses raw SQL outside a transaction', () => {
    const scoped = scopeToTenant(db.app, tenantA) as unknown as Record<string, unknown>
    expect(() => scoped.$queryRawUnsafe).toThrow(TenantScopeError)
  })
})
