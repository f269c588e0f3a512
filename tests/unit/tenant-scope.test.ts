import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  scopeArgs,
  TenantScopeError,
  TENANT_JSON_FIELDS,
  TENANT_MODELS,
  type TenantModel,
} from '../../server/db/tenancy'

const A = 'tenant-a'
const B = 'tenant-b'

describe('scopeArgs: every operation of a tenant model is confined to the tenant', () => {
  it.each([
    'findFirst',
    'findFirstOrThrow',
    'findMany',
    'count',
    'aggregate',
    'groupBy',
    'updateMany',
    'updateManyAndReturn',
    'deleteMany',
  ])('%s ANDs the tenant into where', (op) => {
    expect(scopeArgs('Room', op, { where: { roomNumber: '101' } }, A).where).toEqual({
      AND: [{ roomNumber: '101' }, { tenantId: A }],
    })
    expect(scopeArgs('Room', op, undefined, A).where).toEqual({ tenantId: A })
  })

  it.each(['findUnique', 'findUniqueOrThrow', 'update', 'delete'])('%s adds the tenant to the unique filter', (op) => {
    const args = scopeArgs('Room', op, { where: { tenantId_id: { tenantId: B, id: 'r1' } }, data: {} }, A)
    // B's key AND tenant A: matches nothing
    expect(args.where).toEqual({ tenantId_id: { tenantId: B, id: 'r1' }, tenantId: A })
  })

  it('a unique filter that names another tenant throws', () => {
    expect(() => scopeArgs('TenantSetting', 'findUnique', { where: { tenantId: B } }, A)).toThrow(TenantScopeError)
  })

  it('the Tenant model is scoped by its id', () => {
    expect(scopeArgs('Tenant', 'findMany', {}, A).where).toEqual({ id: A })
    expect(() => scopeArgs('Tenant', 'findUnique', { where: { id: B } }, A)).toThrow(TenantScopeError)
  })

  it('create, createMany and upsert set the tenant', () => {
    expect(scopeArgs('Room', 'create', { data: { roomNumber: '1' } }, A).data).toEqual({ roomNumber: '1', tenantId: A })
    expect(scopeArgs('Room', 'createMany', { data: [{ roomNumber: '1' }, { roomNumber: '2' }] }, A).data).toEqual([
      { roomNumber: '1', tenantId: A },
      { roomNumber: '2', tenantId: A },
    ])
    const upsert = scopeArgs(
      'Room',
      'upsert',
      {
        where: { tenantId_roomNumber: { tenantId: A, roomNumber: '1' } },
        create: { roomNumber: '1' },
        update: { name: 'x' },
      },
      A,
    )
    expect(upsert.create).toEqual({ roomNumber: '1', tenantId: A })
    expect(upsert.where).toMatchObject({ tenantId: A })
  })

  it.each([
    ['create into another tenant', 'create', { data: { tenantId: B, roomNumber: '1' } }],
    [
      'createMany with one row of another tenant',
      'createMany',
      { data: [{ roomNumber: '1' }, { tenantId: B, roomNumber: '2' }] },
    ],
    ['update moving a row to another tenant', 'updateMany', { data: { tenantId: B } }],
    [
      'upsert creating in another tenant',
      'upsert',
      {
        where: { tenantId_roomNumber: { tenantId: A, roomNumber: '1' } },
        create: { tenantId: B, roomNumber: '1' },
        update: {},
      },
    ],
    ['nested relation write', 'create', { data: { roomNumber: '1', tenant: { connect: { id: B } } } }],
    [
      'nested write on update',
      'update',
      { where: { tenantId_id: { tenantId: A, id: 'r' } }, data: { tenant: { update: { name: 'x' } } } },
    ],
    ['an operation it does not know', 'aggregateRaw', {}],
  ])('throws on %s', (_name, op, args) => {
    expect(() => scopeArgs('Room', op, args, A)).toThrow(TenantScopeError)
  })

  it('scalar update operators are not mistaken for nested writes', () => {
    expect(scopeArgs('Room', 'updateMany', { data: { capacity: { increment: 1 } } }, A).data).toEqual({
      capacity: { increment: 1 },
    })
  })

  it('non-tenant models pass through unchanged', () => {
    expect(scopeArgs('SubscriptionPlan', 'findMany', { where: { active: true } }, A)).toEqual({
      where: { active: true },
    })
  })

  it('lists the tenant tables', () => {
    // The integration suite checks this list against the database (every table with tenant_id).
    expect(Object.keys(TENANT_MODELS).sort()).toEqual([
      'AgentSale',
      'AuditLog',
      'ChurnScore',
      'ConciergeUsage',
      'CreditNote',
      'HqTask',
      'Invitation',
      'Invoice',
      'InvoiceLine',
      'KpiHotelMonth',
      'Notification',
      'Payment',
      'PmsIntegration',
      'PmsReservation',
      'PmsWebhookEvent',
      'Receipt',
      'ReferralDiscount',
      'ReferralPayment',
      'RefundRequest',
      'RoiCompensation',
      'RoiMeasurement',
      'Room',
      'Tenant',
      'TenantMembership',
      'TenantSetting',
    ])
  })
})

describe('JSON columns of tenant tables', () => {
  it('lists every Json field of a tenant model (a value there is not a nested write), and only those', () => {
    const schema = readFileSync('prisma/schema.prisma', 'utf8')
    const found: Record<string, string[]> = {}
    for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      if (!(model! in TENANT_MODELS)) continue
      const fields = [...body!.matchAll(/^\s+(\w+)\s+Json\??/gm)].map((m) => m[1]!)
      if (fields.length) found[model!] = fields
    }
    expect(found).toEqual(TENANT_JSON_FIELDS)
  })

  it('lets an object into a JSON column and still refuses a relation write', () => {
    expect(() =>
      scopeArgs(
        'PmsIntegration' as TenantModel,
        'updateMany',
        { where: {}, data: { lastSyncStats: { rooms: 3, skippedRecords: [] } } },
        't1',
      ),
    ).not.toThrow()
    expect(() =>
      scopeArgs(
        'PmsIntegration' as TenantModel,
        'updateMany',
        { where: {}, data: { pmsVendor: { connect: { id: 'x' } } } },
        't1',
      ),
    ).toThrow(TenantScopeError)
  })
})
