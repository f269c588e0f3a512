// npm run bench — PMS sync delay: how long a change in the PMS takes to reach our database, by the
// 5-minute pull (the baseline the design document allows) and by webhook, measured in one run.
// A local fake Mews (tests/helpers/fake-pms.ts) answers every request after BENCH_PMS_LATENCY_MS
// (default 30 ms, a vendor across the internet) for a 200-room hotel with 400 reservations; the code
// measured is the production connector and sync service on a fresh database, with the shared
// PostgreSQL rate limiter (Mews: bursts of 37, 113 per 30 s sustained); changes come one a second.
import { randomBytes } from 'node:crypto'
import { demoProperty, FAKE_CREDENTIALS, startFakePms } from '../tests/helpers/fake-pms.ts'
import { stats, table, withBenchDatabase } from './lib.ts'

const SAMPLES = Number(process.env.BENCH_PMS_SAMPLES || 20)
const LATENCY = Number(process.env.BENCH_PMS_LATENCY_MS ?? 30)
const PULL_INTERVAL_MS = 5 * 60_000

async function main() {
  await withBenchDatabase(async (owner) => {
    process.env.DATABASE_URL = owner
    process.env.PMS_CREDENTIALS_KEY = randomBytes(32).toString('base64')
    const { privilegedDb, tenantDb, closeDatabases } = await import('../server/db/index.ts')
    const { seedCatalogue } = await import('../server/db/seed.ts')
    const pms = await import('../server/services/pms/index.ts')
    const db = privilegedDb()
    await seedCatalogue(db)

    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
    const base = demoProperty('mews', today)
    const rooms = Array.from({ length: 200 }, (_, i) => ({
      id: `r-${i}`,
      number: String(100 + i),
      state: i % 3 ? 'Clean' : 'Dirty',
      floor: 1 + Math.floor(i / 20),
      updatedAt: new Date().toISOString(),
    }))
    const reservations = Array.from({ length: 400 }, (_, i) => ({
      ...base.reservations[i % 2]!,
      id: `res-${i}`,
      roomId: `r-${i % 200}`,
      updatedAt: new Date().toISOString(),
    }))
    const fake = await startFakePms('mews', { rooms, reservations })
    fake.knobs.latencyMs = LATENCY
    await db.pmsVendor.create({ data: { code: 'mews', name: 'Mews', apiEndpoint: fake.url } })
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_ENTERPRISE' } })
    const tenant = await db.tenant.create({ data: { slug: 'bench-hotel', name: 'Bench Hotel', planId: plan.id } })
    const hotel = tenantDb(tenant.id)

    let t = performance.now()
    const { webhookSecret, sync } = await pms.connectPms(hotel, 'mews', { ...FAKE_CREDENTIALS.mews })
    const connectMs = performance.now() - t
    const full: number[] = []
    for (let i = 0; i < 3; i++) {
      t = performance.now()
      await pms.syncConnection(tenant.id, 'mews', { full: true })
      full.push(performance.now() - t)
    }

    // One room changes; the incremental pull (what the 5-minute job does) picks it up.
    const pull: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      await new Promise((r) => setTimeout(r, 1_000))
      Object.assign(fake.rooms[i % 200]!, { state: i % 2 ? 'Inspected' : 'Dirty', updatedAt: new Date().toISOString() })
      t = performance.now()
      await pms.syncConnection(tenant.id, 'mews')
      pull.push(performance.now() - t)
    }

    // The same change announced by webhook: the vendor's answer (stored, 202) and change → row.
    // One change a second, under Mews's sustained rate (the limiter would otherwise queue requests
    // and this would measure the rate limit, not the path).
    const ack: number[] = []
    const delay: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      await new Promise((r) => setTimeout(r, 1_000))
      const room = fake.rooms[(i * 14 + 1) % 200]! // an odd room: no guest in house (that would show as occupied)
      const changedAt = Date.now()
      Object.assign(room, { state: i % 2 ? 'Clean' : 'Dirty', updatedAt: new Date(changedAt).toISOString() })
      t = performance.now()
      await pms.receiveWebhook('mews', webhookSecret, {
        EnterpriseId: 'ent-omotenasu-1',
        Events: [{ Discriminator: 'ResourceUpdated', Value: { Id: room.id } }],
      })
      ack.push(performance.now() - t)
      await pms.processWebhookEvents(tenant.id)
      const row = await hotel.room.findFirstOrThrow({ where: { externalId: room.id } })
      if (row.status !== (i % 2 ? 'clean' : 'dirty')) throw new Error(`webhook did not land for ${room.id}`)
      delay.push(Date.now() - changedAt)
    }

    // Floor: writing one room straight into the database, no vendor at all.
    const direct: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      t = performance.now()
      await hotel.room.updateMany({ where: { externalId: `r-${i}` }, data: { status: 'inspected' } })
      direct.push(performance.now() - t)
    }

    const s = (xs: number[]) => stats(xs)
    const pullDelay = s(pull)
    table(`PMS sync, fake Mews at ${LATENCY} ms per request, 200 rooms / 400 reservations, ${SAMPLES} samples:`, [
      { name: 'baseline: one room written straight to the database (no vendor)', ...s(direct) },
      {
        name: 'connect: verify + seal + first full sync',
        p50: connectMs,
        p99: connectMs,
        extra: `${sync!.rooms} rooms, ${sync!.reservations} reservations, ${sync!.requests} requests`,
      },
      { name: 'full sync (rooms + reservations window)', ...s(full) },
      { name: 'incremental pull (one change)', ...pullDelay },
      { name: 'webhook: answer to the vendor (stored, 202)', ...s(ack) },
      { name: 'webhook: change in PMS → row in our database', ...s(delay) },
    ])
    console.log(
      `\nSync delay by the 5-minute pull alone: the change waits for the next tick (0–300 s, mean 150 s) plus the ` +
        `pull,`,
    )
    console.log(
      `i.e. mean ≈ ${((PULL_INTERVAL_MS / 2 + pullDelay.mean) / 1000).toFixed(1)} s and worst ≈ ` +
        `${((PULL_INTERVAL_MS + pullDelay.p99) / 1000).toFixed(1)} s (the design document's bound: 300 s).`,
    )
    console.log(`By webhook: p50 ${(s(delay).p50 / 1000).toFixed(2)} s, p99 ${(s(delay).p99 / 1000).toFixed(2)} s.`)
    await fake.close()
    await closeDatabases()
  })
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
