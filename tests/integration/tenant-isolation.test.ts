// Tenant isolation, proved for every tenant table, layer by layer:
//  - the scoped client (extension + RLS) cannot read, count, aggregate, update, delete, upsert or
//    create across tenants;
//  - the extension alone (on the RLS-bypassing client) still confines every operation;
//  - RLS alone (raw SQL as the app role) shows nothing without the tenant setting and refuses
//    writes into another tenant.
// The list of tenant tables comes from the database catalogue (every table with a tenant_id
// column, plus tenants), never from the code under test: a table missing from TENANT_MODELS, or
// without a row factory here, fails the suite instead of dropping out of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scopeToTenant, TENANT_MODELS, TenantScopeError } from '../../server/db/tenancy'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'
import { modelOfTable, tableOfModel, tenantTablesInCatalogue } from '../helpers/catalogue'
import type { Json } from '../helpers/json'

const db = testClients()
const TABLES = await tenantTablesInCatalogue(db.privileged)
const ids: Record<'A' | 'B', Record<string, Record<string, unknown>>> = { A: {}, B: {} }
let tenantA = ''
let tenantB = ''
let shared: { userA: string; userB: string; vendorId: string; agentId: string; referralA: string; referralB: string }

/** How to make a row of each tenant table, its unique key, a harmless update; keyed by SQL table. */
interface TableSpec {
  make: (tenantId: string, side: 'A' | 'B') => Record<string, unknown>
  unique: (row: Record<string, unknown>) => Record<string, unknown>
  change: Record<string, unknown>
  /** For a nullable tenant_id: a platform row (no tenant), which no tenant may see. */
  platform?: () => Record<string, unknown>
  /**
   * Derived rows that triggers on other tables write for the hotel (the KPI rollup): everything but
   * the factory's row is removed after set-up, so each side has exactly one, as elsewhere. No test
   * below changes a row of A or B successfully, so no trigger writes them again.
   */
  derivedOtherThan?: (row: Record<string, unknown>) => Record<string, unknown>
}

const SPECS: Record<string, TableSpec> = {
  tenants: { make: () => ({}), unique: (r) => ({ id: r.id }), change: { name: 'hijacked' } },
  tenant_settings: {
    make: (tenantId) => ({ tenantId }),
    unique: (r) => ({ tenantId: r.tenantId }),
    change: { staffHourlyCost: 1 },
  },
  tenant_memberships: {
    make: (tenantId, side) => ({ tenantId, userId: side === 'A' ? shared.userA : shared.userB, role: 'staff' }),
    unique: (r) => ({ tenantId_userId: { tenantId: r.tenantId, userId: r.userId } }),
    change: { role: 'owner' },
  },
  invitations: {
    make: (tenantId, side) => ({
      tenantId,
      email: `invitee-${side}@test.example`,
      name: side,
      role: 'staff',
      tokenHash: uniq(`tok-${side}`),
      expiresAt: new Date('2030-01-01'),
    }),
    unique: (r) => ({ id: r.id }),
    change: { name: 'hijacked' },
    platform: () => ({
      agentId: shared.agentId,
      email: 'agent-invitee@test.example',
      name: 'Agent invitee',
      tokenHash: uniq('tok-agent'),
      expiresAt: new Date('2030-01-01'),
    }),
  },
  rooms: {
    make: (tenantId) => ({ tenantId, roomNumber: '101' }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { name: 'hijacked' },
  },
  pms_integrations: {
    make: (tenantId) => ({ tenantId, pmsVendorId: shared.vendorId, feature: 'room_status' }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { lastError: 'hijacked' },
  },
  agent_sales: {
    make: (tenantId, side) => ({
      tenantId,
      agentId: shared.agentId,
      referralId: side === 'A' ? shared.referralA : shared.referralB,
      planCode: 'LEISURE_ECONOMY',
      contractStartDate: new Date('2026-04-01'),
      monthlyFee: 29_800,
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { monthlyFee: 1 },
  },
  invoices: {
    make: (tenantId, side) => ({
      tenantId,
      id: `inv-${side}-${tenantId.slice(-6)}`,
      number: `INV-${side}`,
      periodStart: new Date('2026-04-01'),
      periodEnd: new Date('2026-05-01'),
      months: 1,
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      subtotal: 29_800,
      tax: 2_980,
      total: 32_780,
      dueDate: new Date('2026-04-15'),
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { total: 1 },
  },
  invoice_lines: {
    make: (tenantId, side) => ({
      tenantId,
      invoiceId: `inv-${side}-${tenantId.slice(-6)}`,
      kind: 'plan',
      description: 'Plan',
      amount: 29_800,
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { amount: 1 },
  },
  payments: {
    make: (tenantId, side) => ({
      tenantId,
      invoiceId: `inv-${side}-${tenantId.slice(-6)}`,
      amount: 32_780,
      method: 'manual',
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { amount: 1 },
  },
  credit_notes: {
    make: (tenantId, side) => ({
      tenantId,
      number: `CN-INV-${side}-01`,
      invoiceId: `inv-${side}-${tenantId.slice(-6)}`,
      invoiceNumber: `INV-${side}`,
      invoiceIssueDate: new Date('2026-04-01'),
      periodStart: new Date('2026-04-01'),
      periodEnd: new Date('2026-05-01'),
      issueDate: new Date('2026-04-20'),
      reason: 'refund',
      subtotal: 29_800,
      tax: 2_980,
      total: 32_780,
      taxBreakdown: [{ rateBps: 1000, taxable: 29_800, tax: 2_980 }],
      buyerName: side,
      sellerName: 'Seller',
      sellerRegistrationNumber: 'T7123456789012',
      sellerAddress: 'Tokyo',
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { total: 1 },
  },
  receipts: {
    make: (tenantId, side) => ({
      tenantId,
      number: `R-INV-${side}`,
      invoiceId: `inv-${side}-${tenantId.slice(-6)}`,
      paymentId: (ids[side].payments as { id: string }).id,
      invoiceNumber: `INV-${side}`,
      paidOn: new Date('2026-04-10'),
      issueDate: new Date('2026-04-10'),
      amount: 32_780,
      proviso: 'x',
      taxBreakdown: [{ rateBps: 1000, taxable: 29_800, tax: 2_980 }],
      buyerName: side,
      sellerName: 'Seller',
      sellerRegistrationNumber: 'T7123456789012',
      sellerAddress: 'Tokyo',
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { amount: 1 },
  },
  refund_requests: {
    make: (tenantId, side) => ({
      tenantId,
      type: 'full_refund',
      reason: `refund ${side}`,
      amountYen: 32_780,
      guaranteeEndsOn: new Date('2026-11-30'),
      manualTransfer: { side },
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { reason: 'hijacked' },
  },
  referral_discounts: {
    make: (tenantId, side) => ({ tenantId, referralId: side === 'A' ? shared.referralA : shared.referralB }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { monthsRemaining: 0 },
  },
  pms_reservations: {
    make: (tenantId, side) => ({
      tenantId,
      pmsVendorId: shared.vendorId,
      externalId: `res-${side}`,
      guestName: `Guest ${side}`,
      arrival: new Date('2026-11-20'),
      departure: new Date('2026-11-22'),
      status: 'confirmed',
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { guestName: 'hijacked' },
  },
  pms_webhook_events: {
    make: (tenantId, side) => ({ tenantId, pmsVendorId: shared.vendorId, payload: { side } }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { error: 'hijacked' },
  },
  referral_payments: {
    make: (tenantId, side) => ({
      tenantId,
      referralId: side === 'A' ? shared.referralA : shared.referralB,
      paymentMonth: new Date('2026-05-01'),
      contractMonth: 2,
      feeAttributable: 29_800,
      rateBps: 2_000,
      amount: 5_960,
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { amount: 1 },
  },
  audit_logs: {
    make: (tenantId, side) => ({
      tenantId,
      actorType: 'user',
      action: 'create',
      entity: 'room',
      entityId: side,
      after: { side },
    }),
    unique: (r) => ({ id: r.id }),
    change: { action: 'hijacked' },
    platform: () => ({ actorType: 'user', action: 'update', entity: 'subscription_plan', after: { hq: true } }),
  },
  concierge_usage: {
    make: (tenantId) => ({
      tenantId,
      usageDate: new Date('2026-11-20'),
      chatConversations: 10,
      voiceConversations: 2,
      upsellRevenue: 1_000,
    }),
    unique: (r) => ({ tenantId_usageDate: { tenantId: r.tenantId, usageDate: r.usageDate } }),
    change: { upsellRevenue: 1 },
  },
  roi_measurements: {
    make: (tenantId) => ({
      tenantId,
      weekStart: new Date('2026-11-16'),
      periodStart: new Date('2026-06-01'),
      periodEnd: new Date('2026-11-21'),
      conversations: 100,
      reportedMinutes: 0,
      minutesPerConversation: 6,
      staffHourlyCost: 1_800,
      staffMinutesSaved: 600,
      costSavings: 18_000,
      revenueIncrease: 0,
      feesPaid: 29_800,
      roiBps: -3_959,
      guaranteedRoiBps: 10_000,
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { roiBps: 99_999 },
  },
  roi_compensations: {
    make: (tenantId) => ({
      tenantId,
      measurementId: 'm',
      amount: 1_000,
      feesPaid: 29_800,
      roiBps: -3_959,
      guaranteedRoiBps: 10_000,
    }),
    unique: (r) => ({ tenantId_id: { tenantId: r.tenantId, id: r.id } }),
    change: { amount: 1 },
  },
  notifications: {
    make: (tenantId, side) => ({
      tenantId,
      kind: 'payment_failed',
      subject: `Notice ${side}`,
      body: 'x',
      data: { side },
    }),
    unique: (r) => ({ id: r.id }),
    change: { subject: 'hijacked' },
    platform: () => ({
      kind: 'agent_user_invitation',
      subject: 'Agent invitation',
      body: 'https://example.test/invite?token=live',
    }),
  },
  churn_scores: {
    make: (tenantId, side) => ({ tenantId, scoredOn: new Date('2026-11-30'), score: 0.5, reasons: [{ side }] }),
    unique: (r) => ({ id: r.id }),
    change: { score: 0.99 },
  },
  hq_tasks: {
    make: (tenantId, side) => ({ tenantId, kind: 'churn_follow_up', dueFor: `2026-11-30-${side}`, reasons: [] }),
    unique: (r) => ({ id: r.id }),
    change: { kind: 'hijacked' },
  },
  // Derived rows (the triggers on invoices, lines and payments rebuild a hotel's): a month none reaches.
  kpi_hotel_months: {
    make: (tenantId, side) => ({
      tenantId,
      month: new Date('2099-01-01'),
      mrr: side === 'A' ? 1 : 2,
      earlierActive: false,
      firstPaid: false,
      channel: 'direct',
      cancelled: false,
    }),
    unique: (r) => ({ tenantId_month: { tenantId: r.tenantId, month: r.month } }),
    change: { mrr: 999 },
    derivedOtherThan: (r) => ({ tenantId: r.tenantId, NOT: { month: r.month } }),
  },
}

type Op = (args?: Json) => Promise<Json>
interface Delegate {
  findMany: Op
  findFirst: Op
  findUnique: Op
  count: Op
  aggregate: Op
  groupBy: Op
  update: Op
  updateMany: Op
  delete: Op
  deleteMany: Op
  upsert: Op
  create: Op
  createMany: Op
}
const delegateName = (table: string) => {
  const m = modelOfTable(db.privileged, table)
  return m[0]!.toLowerCase() + m.slice(1)
}
const delegate = (client: unknown, table: string) => (client as Record<string, Delegate>)[delegateName(table)]!
const spec = (table: string) => {
  const s = SPECS[table]
  if (!s) throw new Error(`${table} has tenant_id but no row factory in SPECS: add one`)
  return s
}
const keyCol = (table: string) => (table === 'tenants' ? 'id' : 'tenant_id')
const whereB = (table: string) => (table === 'tenants' ? { id: tenantB } : { tenantId: tenantB })
const rowIdOf = (table: string, row: Record<string, unknown>) => JSON.stringify(spec(table).unique(row))
const isDenied = (e: unknown) => /permission denied/.test(String((e as Error)?.message ?? e))

async function snapshotOfB(table: string) {
  return delegate(db.privileged, table).findUnique({ where: spec(table).unique(ids.B[table]!) })
}

/** A write the app role may lack the privilege for (audit_logs is append-only): refused, or touching nothing. */
async function changesNothing(write: Promise<unknown>) {
  const outcome = await write.catch((e: unknown) => e)
  if (outcome instanceof Error) expect(isDenied(outcome), outcome.message).toBe(true)
  else expect(outcome).toEqual({ count: 0 })
}

/** One raw statement as the app role with tenant A set, in its own transaction. */
function asTenantA<T>(fn: (tx: Parameters<Parameters<typeof db.app.$transaction>[0]>[0]) => Promise<T>) {
  return db.app.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantA}, true)`
    return fn(tx)
  })
}

beforeAll(async () => {
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
  const agent = await p.agent.create({
    data: { companyName: 'Agent Co', contactName: 'X', email: 'agent@test.example' },
  })
  const referralA = await p.referral.create({
    data: { code: uniq('ref'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: a.id },
  })
  const referralB = await p.referral.create({
    data: { code: uniq('ref'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: b.id },
  })
  shared = {
    userA: userA.id,
    userB: userB.id,
    vendorId: vendor.id,
    agentId: agent.id,
    referralA: referralA.id,
    referralB: referralB.id,
  }
  ids.A.tenants = a as never
  ids.B.tenants = b as never
  // SPECS order (invoices before their lines and payments), for every table of the catalogue.
  for (const table of Object.keys(SPECS).filter((t) => t !== 'tenants' && TABLES.includes(t))) {
    ids.A[table] = (await delegate(p, table).create({ data: spec(table).make(a.id, 'A') })) as Record<string, unknown>
    ids.B[table] = (await delegate(p, table).create({ data: spec(table).make(b.id, 'B') })) as Record<string, unknown>
    const platform = spec(table).platform
    if (platform) await delegate(p, table).create({ data: platform() })
  }
  for (const table of Object.keys(SPECS).filter((t) => SPECS[t]!.derivedOtherThan && TABLES.includes(t)))
    for (const side of ['A', 'B'] as const)
      await delegate(p, table).deleteMany({ where: spec(table).derivedOtherThan!(ids[side][table]!) })
})

afterAll(async () => {
  await db.close()
})

describe('the list of tenant tables', () => {
  it('comes from the catalogue and covers the platform', () => {
    expect(TABLES).toEqual(
      expect.arrayContaining(['tenants', 'rooms', 'invoices', 'audit_logs', 'notifications', 'invitations']),
    )
  })

  it("is the same as TENANT_MODELS (model → table through the generated client's data model)", () => {
    const fromCode = Object.keys(TENANT_MODELS)
      .map((model) => tableOfModel(db.privileged, model))
      .sort()
    expect(fromCode).toEqual([...TABLES].sort())
  })

  it.each(TABLES)('%s has a row factory in this file', (table) => {
    expect(SPECS[table], `add a row factory for ${table} to SPECS`).toBeDefined()
  })
})

describe.each(TABLES)('%s: the scoped client of tenant A (extension + RLS)', (table) => {
  const scoped = () => delegate(scopeToTenant(db.app, tenantA), table)
  const bKey = () => spec(table).unique(ids.B[table]!)

  it('reads only A: findMany, findFirst, findUnique', async () => {
    const rows = (await scoped().findMany()) as Record<string, unknown>[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map((r) => rowIdOf(table, r))).not.toContain(rowIdOf(table, ids.B[table]!))
    expect(rows.every((r) => (table === 'tenants' ? r.id : r.tenantId) === tenantA)).toBe(true)
    expect(await scoped().findFirst({ where: whereB(table) })).toBeNull()
    const unique = await scoped()
      .findUnique({ where: bKey() })
      .catch((e: unknown) => e)
    expect(unique === null || unique instanceof TenantScopeError).toBe(true)
  })

  it('counts and aggregates only A', async () => {
    expect(await scoped().count()).toBe(1)
    const agg = (await scoped().aggregate({ _count: { _all: true } })) as { _count: { _all: number } }
    expect(agg._count._all).toBe(1)
    const by = table === 'tenants' ? 'id' : 'tenantId'
    const groups = (await scoped().groupBy({ by: [by], _count: { _all: true } })) as Record<string, unknown>[]
    expect(groups.map((g) => g[by])).toEqual([tenantA])
  })

  it('cannot update B (update, updateMany)', async () => {
    const before = await snapshotOfB(table)
    await changesNothing(scoped().updateMany({ where: whereB(table), data: spec(table).change }))
    await expect(scoped().update({ where: bKey(), data: spec(table).change })).rejects.toBeTruthy()
    expect(await snapshotOfB(table)).toEqual(before)
  })

  it('cannot delete B (delete, deleteMany)', async () => {
    await changesNothing(scoped().deleteMany({ where: whereB(table) }))
    await expect(scoped().delete({ where: bKey() })).rejects.toBeTruthy()
    expect(await snapshotOfB(table)).not.toBeNull()
  })

  it('cannot upsert into B', async () => {
    const before = await snapshotOfB(table)
    const create =
      table === 'tenants'
        ? { slug: uniq('x'), name: 'x', planId: (ids.B.tenants as { planId: string }).planId }
        : spec(table).make(tenantB, 'B')
    await scoped()
      .upsert({ where: bKey(), create, update: spec(table).change })
      .catch(() => null)
    expect(await snapshotOfB(table)).toEqual(before)
    expect(await delegate(db.privileged, table).count({ where: whereB(table) })).toBe(1)
  })

  it('cannot create into B (create, createMany)', async () => {
    if (table === 'tenants') {
      await expect(
        scoped().create({
          data: { id: tenantB, slug: uniq('x'), name: 'x', planId: (ids.B.tenants as { planId: string }).planId },
        }),
      ).rejects.toBeTruthy()
    } else {
      await expect(scoped().create({ data: spec(table).make(tenantB, 'B') })).rejects.toBeInstanceOf(TenantScopeError)
      await expect(scoped().createMany({ data: [spec(table).make(tenantB, 'B')] })).rejects.toBeInstanceOf(
        TenantScopeError,
      )
    }
    expect(await delegate(db.privileged, table).count({ where: whereB(table) })).toBe(1)
  })
})

describe.each(TABLES)('%s: the extension alone confines tenant A (on the RLS-bypassing client)', (table) => {
  const scoped = () => delegate(scopeToTenant(db.privileged, tenantA), table)

  it('reads, counts, updates and deletes nothing of B', async () => {
    const rows = (await scoped().findMany()) as Record<string, unknown>[]
    expect(rows.map((r) => rowIdOf(table, r))).toEqual([rowIdOf(table, ids.A[table]!)])
    expect(await scoped().count()).toBe(1)
    const before = await snapshotOfB(table)
    expect(await scoped().updateMany({ where: whereB(table), data: spec(table).change })).toEqual({ count: 0 })
    expect(await scoped().deleteMany({ where: whereB(table) })).toEqual({ count: 0 })
    expect(await snapshotOfB(table)).toEqual(before)
  })
})

describe.each(TABLES)('%s: row-level security alone (raw SQL as the app role)', (table) => {
  const col = keyCol(table)

  it('a query that forgets the tenant sees no rows', async () => {
    const [all] = await db.privileged.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(all!.n).toBeGreaterThanOrEqual(2)
    const [seen] = await db.app.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(seen!.n).toBe(0)
  })

  it('with tenant A set, reads no row of B (nor of the platform) and cannot write into B', async () => {
    const rows = await asTenantA((tx) =>
      tx.$queryRawUnsafe<{ t: string | null }[]>(`SELECT ${col} AS t FROM "${table}"`),
    )
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows.map((r) => r.t))).toEqual(new Set([tenantA]))
    const [b] = await asTenantA((tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE ${col} = $1 OR ${col} IS NULL`,
        tenantB,
      ),
    )
    expect(b!.n).toBe(0)
    const refusedOrZero = async (sql: string, ...params: unknown[]) => {
      const outcome = await asTenantA((tx) => tx.$executeRawUnsafe(sql, ...params)).catch((e: unknown) => e)
      if (outcome instanceof Error) expect(isDenied(outcome), outcome.message).toBe(true)
      else expect(outcome).toBe(0)
    }
    await refusedOrZero(`UPDATE "${table}" SET ${col} = ${col} WHERE ${col} = $1`, tenantB)
    await refusedOrZero(`DELETE FROM "${table}" WHERE ${col} = $1`, tenantB)
    // Moving A's row to B is refused by WITH CHECK (or by the missing privilege).
    await expect(
      asTenantA((tx) => tx.$executeRawUnsafe(`UPDATE "${table}" SET ${col} = $1 WHERE ${col} = $2`, tenantB, tenantA)),
    ).rejects.toThrow(/row-level security|violates|permission denied/)
  })

  it('the tenant setting does not leak to the next pooled query', async () => {
    await asTenantA(async () => null)
    const [seen] = await db.app.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`)
    expect(seen!.n).toBe(0)
  })
})

describe('the schema keeps the rule for tables to come', () => {
  it.each(TABLES)(
    '%s has RLS enabled and forced, with a policy on its tenant column for reads and writes',
    async (table) => {
      const [row] = await db.privileged.$queryRaw<{ rls: boolean; forced: boolean }[]>`
      SELECT c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ${table}`
      expect(row, table).toEqual({ rls: true, forced: true })
      const policies = await db.privileged.$queryRaw<
        { cmd: string; roles: string[]; qual: string | null; with_check: string | null }[]
      >`
      SELECT cmd, roles::text[] AS roles, qual, with_check FROM pg_policies WHERE schemaname = 'public' AND tablename =
        ${table}`
      const col = keyCol(table)
      const guards = (expr: string | null) =>
        !!expr && expr.includes(`${col} = current_setting('app.tenant_id'::text, true)`)
      expect(
        policies.filter((p) => p.cmd === 'ALL' && guards(p.qual) && guards(p.with_check)),
        JSON.stringify(policies),
      ).toHaveLength(1)
      // No second, looser policy: permissive policies are OR-ed.
      expect(policies).toHaveLength(1)
    },
  )

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
