// npm run bench — what tenant isolation costs per query, beside its baseline, in one run.
// Baseline: the privileged client (no RLS, no extension) with the tenant filter written by hand.
// Measured: the tenant client as the app builds it (extension + RLS; BEGIN, set_config, statement and
// COMMIT written in one round trip by the app role's pool, server/db/tenant-pool.ts), the same over
// a plain pool (the four in four round trips, as before), and a tenant $transaction doing the same
// reads (set_config once). Round trips are counted on the wire (queries a connection writes in one go
// count once). Fresh database on the embedded cluster (or DATABASE_URL's server), 3 hotels × 200
// rooms, sequential queries after a warm-up. Target (issue 14, benchmark 3): ratio ≥ 0.8.
import pg from 'pg'
import { createAppRoleClient, createPrismaClient } from '../server/db/client.ts'
import { scopeToTenant } from '../server/db/tenancy.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { recordResults, stats, withBenchDatabase } from './lib.ts'

// Round trips: a query written while the connection still has an unanswered query of the same
// synchronous burst (pipeline mode) rides along; every other query is a round trip of its own.
let roundTrips = 0
const clientQuery = pg.Client.prototype.query
const inBurst = new WeakSet<object>()
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (!inBurst.has(this)) {
    roundTrips++
    inBurst.add(this)
    queueMicrotask(() => inBurst.delete(this))
  }
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args)
} as typeof pg.Client.prototype.query

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || (process.env.BENCH_QUICK === '1' ? 500 : 2000))
const WARMUP = 200

async function measure(name: string, op: () => Promise<unknown>, perOp = 1) {
  for (let i = 0; i < WARMUP; i++) await op()
  const samples: number[] = []
  const trips = roundTrips
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now()
    await op()
    samples.push((performance.now() - t) / perOp)
  }
  return { name, ...stats(samples), roundTrips: (roundTrips - trips) / ITERATIONS / perOp }
}

async function main() {
  await withBenchDatabase(async (owner) => {
    const urls = databaseUrls({ DATABASE_URL: owner, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const privileged = createPrismaClient(urls.privileged, { max: 4 })
    const app = createAppRoleClient(urls.app, { max: 4 })
    const appPlainPool = createPrismaClient(urls.app, { max: 4 })
    const plan = await privileged.subscriptionPlan.create({
      data: {
        planCode: 'BENCH',
        name: 'Bench',
        monthlyPrice: 1,
        maxRooms: 1000,
        features: [],
        guaranteeDays: 30,
        guaranteedRoiBps: 10_000,
      },
    })
    const tenants = []
    for (let t = 0; t < 3; t++) {
      const tenant = await privileged.tenant.create({
        data: { slug: `bench-${t}`, name: `Bench ${t}`, planId: plan.id },
      })
      await privileged.room.createMany({
        data: Array.from({ length: 200 }, (_, i) => ({ tenantId: tenant.id, roomNumber: String(1000 + i) })),
      })
      tenants.push(tenant.id)
    }
    const tenantId = tenants[1]!
    const scoped = scopeToTenant(app, tenantId)
    const scopedFourTrips = scopeToTenant(appPlainPool, tenantId)

    const results = [
      await measure('baseline: privileged client, hand-written filter — count', () =>
        privileged.room.count({ where: { tenantId } }),
      ),
      await measure('tenant client (extension + RLS, tx in 1 round trip) — count', () => scoped.room.count()),
      await measure('  same over a plain pool (tx in 4 round trips, before)', () => scopedFourTrips.room.count()),
      await measure('baseline: privileged client — find one room by number', () =>
        privileged.room.findFirst({ where: { tenantId, roomNumber: '1100' } }),
      ),
      await measure('tenant client — find one room by number', () =>
        scoped.room.findFirst({ where: { roomNumber: '1100' } }),
      ),
      await measure('  same over a plain pool (before)', () =>
        scopedFourTrips.room.findFirst({ where: { roomNumber: '1100' } }),
      ),
      await measure(
        'baseline: privileged client — 5 reads',
        async () => {
          for (let i = 0; i < 5; i++)
            await privileged.room.findFirst({ where: { tenantId, roomNumber: String(1000 + i) } })
        },
        5,
      ),
      await measure(
        'tenant $transaction — 5 reads (set_config once)',
        () =>
          scoped.$transaction(async (tx) => {
            for (let i = 0; i < 5; i++) await tx.room.findFirst({ where: { roomNumber: String(1000 + i) } })
          }),
        5,
      ),
    ]
    console.log(
      `\nTenant isolation cost, ${ITERATIONS} sequential iterations each after ${WARMUP} warm-up (per query):`,
    )
    console.log(
      `${'case'.padEnd(64)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}` +
        `${'trips'.padStart(7)}${'ratio'.padStart(7)}`,
    )
    // Each case's ratio is to the baseline printed last before it.
    let baseline = results[0]!
    const rows = results.map((r) => {
      if (r.name.startsWith('baseline')) baseline = r
      return { ...r, ratio: +(r.opsPerSec / baseline.opsPerSec).toFixed(2) }
    })
    for (const r of rows)
      console.log(
        `${r.name.padEnd(64)} ${String(r.opsPerSec).padStart(8)} ${r.p50.toFixed(3).padStart(8)} ` +
          `${r.p99.toFixed(3).padStart(8)}${r.roundTrips.toFixed(1).padStart(7)}${r.ratio.toFixed(2).padStart(7)}`,
      )
    recordResults('tenantScope', { iterations: ITERATIONS, rows })
    await privileged.$disconnect()
    await app.$disconnect()
    await appPlainPool.$disconnect()
  })
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
