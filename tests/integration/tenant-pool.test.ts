// The app role's pool sends BEGIN, the tenant setting, the statement and COMMIT in one round trip
// (server/db/tenant-pool.ts). Proved here: under concurrency every statement sees its own tenant
// only; RLS still applies (the setting is local to the statement's transaction and gone after it);
// a failing statement rolls back and leaves no setting behind; the four go out in one write.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scopeToTenant } from '../../server/db/tenancy'
import { statementTenant } from '../../server/db/tenant-pool'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'

const db = testClients()
const tenants: string[] = []

beforeAll(async () => {
  await ensureCatalogue(db.privileged)
  const plan = await db.privileged.subscriptionPlan.findFirstOrThrow()
  for (let t = 0; t < 4; t++) {
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('pool'), name: `Pool ${t}`, planId: plan.id },
    })
    await db.privileged.room.createMany({
      data: Array.from({ length: t + 1 }, (_, i) => ({ tenantId: tenant.id, roomNumber: `${t}0${i}` })),
    })
    tenants.push(tenant.id)
  }
})
afterAll(() => db.close())

describe('app-role pool: the tenant setting travels with the statement', () => {
  it('200 interleaved reads of four tenants each see only their own rows', async () => {
    const reads = Array.from({ length: 200 }, (_, i) => {
      const t = i % 4
      const scoped = scopeToTenant(db.app, tenants[t]!)
      return i % 2
        ? scoped.room.findMany().then((rows) => rows.map((r) => r.tenantId))
        : scoped.room.count().then((n) => Array.from({ length: n }, () => tenants[t]!))
    })
    const results = await Promise.all(reads)
    results.forEach((ids, i) => expect(ids).toEqual(Array.from({ length: (i % 4) + 1 }, () => tenants[i % 4])))
  })

  it('the setting is local to the statement: an unscoped statement on the same pool sees no tenant row', async () => {
    const scoped = scopeToTenant(db.app, tenants[0]!)
    for (let i = 0; i < 8; i++) await scoped.room.count() // every pooled connection has served tenant 0
    expect(await db.app.room.count()).toBe(0)
    const setting = await db.app.$queryRaw<{ v: string | null }[]>`SELECT current_setting('app.tenant_id', true) AS v`
    expect(setting[0]!.v ?? '').toBe('')
  })

  it('a failing statement rolls back, and the next statement on the pool is clean', async () => {
    const scoped = scopeToTenant(db.app, tenants[1]!)
    await expect(
      scoped.room.createMany({ data: [0, 1].map(() => ({ tenantId: tenants[1]!, roomNumber: '199' })) }),
    ).rejects.toThrow()
    expect(await scoped.room.count()).toBe(2)
    expect(await db.app.room.count()).toBe(0)
  })

  it('RLS still decides: a statement run under another tenant setting than its filter returns nothing', async () => {
    // The extension filters to tenant 2 while the setting says tenant 3: both locks must agree.
    const scoped = scopeToTenant(db.app, tenants[2]!)
    const rows = await statementTenant.run(tenants[3]!, () => db.app.room.findMany({ where: { tenantId: tenants[2] } }))
    expect(rows).toEqual([])
    expect(await scoped.room.count()).toBe(3)
  })

  it('BEGIN, set_config, the statement and COMMIT go out before the first answer comes back', async () => {
    // node-postgres keeps the queries it has written and not yet seen answered in _sentQueryQueue
    // (pipeline mode); without pipelining it writes one and holds the rest until the answer.
    const onWire: { text: string; unanswered: number }[] = []
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const reply = (query as (...a: unknown[]) => unknown).apply(this, args)
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text
      const sent = (this as unknown as { _sentQueryQueue?: unknown[] })._sentQueryQueue
      onWire.push({ text: text.split(/\s/)[0]!, unanswered: sent?.length ?? 0 })
      return reply
    } as typeof pg.Client.prototype.query
    try {
      await scopeToTenant(db.app, tenants[0]!).room.count()
    } finally {
      pg.Client.prototype.query = query
    }
    expect(onWire).toEqual([
      { text: 'BEGIN', unanswered: 0 },
      { text: 'SELECT', unanswered: 1 }, // each is queued with all before it written and unanswered
      { text: 'SELECT', unanswered: 2 },
      { text: 'COMMIT', unanswered: 3 },
    ])
  })
})
