// Issue 14: a job that talks to a PMS vendor over HTTP never holds a database transaction or a pool
// connection while it waits. The fake vendor holds every answer for a while; during that wait the
// test reads pg_stat_activity (as the database owner, who sees every session) and asks both pools
// for a query. Before the change the pms-sync job ran its HTTP inside runJobOnce's transaction:
// one privileged session sat "idle in transaction" (holding the advisory lock) for the whole sync.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { privilegedDb, tenantDb } from '../../server/db/index'
import { connectPms, processWebhookEvents, receiveWebhook, runPmsSyncJob } from '../../server/services/pms'
import { demoProperty, FAKE_CREDENTIALS, startFakePms, type FakePms } from '../helpers/fake-pms'
import { ownerUrl, uniq, useIntegrationDb } from '../helpers/db'

// One connection per pool for the app role (the privileged pool keeps its minimum of 2): whatever
// the job held while waiting would leave nothing for anyone else.
process.env.DATABASE_POOL_SIZE = '1'
const db = useIntegrationDb()
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)))
let fake: FakePms
let owner: pg.Client

beforeAll(async () => {
  process.env.PMS_CREDENTIALS_KEY = randomBytes(32).toString('base64')
  fake = await startFakePms('mews', demoProperty('mews', today))
  await db.privileged.pmsVendor.upsert({
    where: { code: 'mews' },
    create: { code: 'mews', name: 'mews', apiEndpoint: fake.url }, // the name pms.test.ts expects
    update: { apiEndpoint: fake.url, active: true },
  })
  owner = new pg.Client({ connectionString: ownerUrl() })
  await owner.connect()
})
afterAll(async () => {
  await owner?.end()
  await fake?.close()
})

async function connectedHotel() {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_PROFESSIONAL' } })
  const tenant = await db.privileged.tenant.create({ data: { slug: uniq('held'), name: 'Held', planId: plan.id } })
  const { webhookSecret } = await connectPms(tenantDb(tenant.id), 'mews', { ...FAKE_CREDENTIALS.mews }, { sleep })
  const connection = await db.privileged.pmsIntegration.findFirstOrThrow({
    where: { tenantId: tenant.id, feature: 'room_status' },
  })
  return { tenant, webhookSecret, connection }
}

/** Every session of this database (but the owner's own) that is inside a transaction right now. */
async function sessionsInTransaction() {
  const { rows } = await owner.query<{ usename: string; state: string; query: string }>(
    `SELECT usename, state, query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
  )
  return rows
}

/**
 * Runs `action` with the fake vendor answering each request after `holdMs`; each time a request is
 * being held, checks the database: no session in a transaction, and both pools answer a query.
 */
async function whileVendorWaits<T>(action: () => Promise<T>, tenantId: string) {
  fake.knobs.latencyMs = 600
  const seen: { request: string; inTransaction: Awaited<ReturnType<typeof sessionsInTransaction>> }[] = []
  const from = fake.requests.length
  let done = false
  const running = action().finally(() => (done = true))
  const probe = (async () => {
    let checked = from
    while (!done) {
      if (fake.requests.length > checked) {
        checked = fake.requests.length
        await new Promise((r) => setTimeout(r, 100)) // well inside the 600 ms the vendor holds it
        seen.push({ request: fake.requests[checked - 1]!.path, inTransaction: await sessionsInTransaction() })
        // Both pools are free to serve someone else while the vendor waits (1 s, not a pool timeout).
        await Promise.race([
          Promise.all([privilegedDb().tenant.count(), tenantDb(tenantId).room.count()]),
          new Promise((_, reject) => setTimeout(() => reject(new Error('a pool is held during the wait')), 1_000)),
        ])
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  try {
    const result = await running
    await probe
    return { result, seen }
  } finally {
    fake.knobs.latencyMs = 0
  }
}

describe('HTTP to a PMS vendor holds no transaction and no pool connection', () => {
  it('the pms-sync job: claimed, synced with nothing open while the vendor answers, recorded once', async () => {
    const { tenant, connection } = await connectedHotel()
    const slot = uniq('slot')
    const { result, seen } = await whileVendorWaits(() => runPmsSyncJob(new Date(), slot, { sleep }), tenant.id)
    expect(result.outcomes.find((o) => o.connection === connection.id)?.outcome.status).toBe('ran')
    expect(seen.length).toBeGreaterThanOrEqual(2) // rooms and reservations (and more) were each held
    expect(seen.filter((s) => s.inTransaction.length > 0)).toEqual([])
    const run = await db.privileged.jobRun.findFirstOrThrow({ where: { job: `pms-sync:${connection.id}` } })
    expect(run).toMatchObject({ periodKey: slot, status: 'succeeded', attempts: 1 })
    // The same slot again, and on a second instance at the same time: nothing more reaches the vendor.
    const before = fake.requests.length
    const again = await Promise.all([runPmsSyncJob(new Date(), slot), runPmsSyncJob(new Date(), slot)])
    for (const r of again)
      expect(r.outcomes.find((o) => o.connection === connection.id)?.outcome.status).toBe('already_done')
    expect(fake.requests.length).toBe(before)
  })

  it('two instances at once while the vendor is slow: one claims and syncs, the other is busy', async () => {
    const { tenant, connection } = await connectedHotel()
    const slot = uniq('slot')
    const { result } = await whileVendorWaits(async () => {
      const first = runPmsSyncJob(new Date(), slot, { sleep })
      // Once the first has claimed this connection (it is then waiting on the vendor), a second instance ticks.
      const job = `pms-sync:${connection.id}`
      while (!(await db.privileged.jobRun.count({ where: { job, periodKey: slot, status: 'running' } })))
        await new Promise((r) => setTimeout(r, 20))
      const second = await runPmsSyncJob(new Date(), slot, { sleep })
      return { first: await first, second }
    }, tenant.id)
    const status = (r: Awaited<ReturnType<typeof runPmsSyncJob>>) =>
      r.outcomes.find((o) => o.connection === connection.id)?.outcome.status
    expect(status(result.first)).toBe('ran')
    expect(status(result.second)).toBe('busy') // the claim is committed: seen without waiting on a lock
    expect(await db.privileged.jobRun.count({ where: { job: `pms-sync:${connection.id}`, periodKey: slot } })).toBe(1)
  })

  it('a claim whose worker died is taken over after its lease; the late worker cannot overwrite it', async () => {
    const { runJobClaimed } = await import('../../server/services/jobs')
    const job = uniq('claimed')
    // A worker that claimed and died: the row is running, started long ago.
    await db.privileged.jobRun.create({
      data: { job, periodKey: 'p', status: 'running', startedAt: new Date(Date.now() - 3_600_000) },
    })
    let runs = 0
    const outcome = await runJobClaimed(db.privileged, job, 'p', async () => ({ runs: ++runs }), { leaseMs: 60_000 })
    expect(outcome).toEqual({ status: 'ran', details: { runs: 1 } })
    expect(await db.privileged.jobRun.findFirstOrThrow({ where: { job } })).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    })
    // Within the lease a running claim is busy, and a failure is recorded with its error.
    const fresh = uniq('claimed')
    await db.privileged.jobRun.create({ data: { job: fresh, periodKey: 'p' } })
    expect(await runJobClaimed(db.privileged, fresh, 'p', async () => ({}))).toEqual({ status: 'busy' })
    const failing = uniq('claimed')
    expect(
      await runJobClaimed(db.privileged, failing, 'p', async () => {
        throw new Error('vendor down')
      }),
    ).toEqual({ status: 'failed', error: 'vendor down' })
    expect(await db.privileged.jobRun.findFirstOrThrow({ where: { job: failing } })).toMatchObject({
      status: 'failed',
      error: 'vendor down',
    })
    expect((await runJobClaimed(db.privileged, failing, 'p', async () => ({ ok: true }))).status).toBe('ran')
  })

  it("a past slot's run a stopped instance left running is failed with the reason at the next sync", async () => {
    const { connection } = await connectedHotel()
    const job = `pms-sync:${connection.id}`
    const stale = await db.privileged.jobRun.create({
      data: { job, periodKey: uniq('old-slot'), startedAt: new Date(Date.now() - 3_600_000) },
    })
    const fresh = await db.privileged.jobRun.create({ data: { job, periodKey: uniq('this-slot') } })
    await runPmsSyncJob(new Date(), uniq('slot'), { sleep })
    expect(await db.privileged.jobRun.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/stopped before recording a result/),
    })
    // Within its lease a run is still running: another instance may be working on it.
    expect((await db.privileged.jobRun.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe('running')
  })

  it('a webhook: the events are leased, the vendor is asked with nothing open, then they are marked done', async () => {
    const { tenant, webhookSecret } = await connectedHotel()
    const room = fake.rooms.find((r) => r.id === 'r-103')!
    Object.assign(room, { state: 'OutOfOrder', updatedAt: new Date().toISOString() })
    await receiveWebhook('mews', webhookSecret, {
      EnterpriseId: 'ent-omotenasu-1',
      Events: [{ Discriminator: 'ResourceUpdated', Value: { Id: room.id } }],
    })
    const { result, seen } = await whileVendorWaits(() => processWebhookEvents(tenant.id, { sleep }), tenant.id)
    expect(result.processed).toBe(1)
    expect(seen.length).toBeGreaterThanOrEqual(1)
    expect(seen.filter((s) => s.inTransaction.length > 0)).toEqual([])
    expect(
      (await db.privileged.room.findFirstOrThrow({ where: { tenantId: tenant.id, externalId: room.id } })).status,
    ).toBe('out_of_order')
  })
})
