// The durable queue (pg-boss) and the lifecycle actions on it, against the run's real PostgreSQL:
// each "instance" is its own pg-boss client with its own pool, as separate app processes have.
// Restart: an action scheduled, its instance stopped before it is due, another started: it runs once.
// Two instances polling the same queue: every action runs once. A failing action is retried with
// backoff, then stays failed with its error until HQ retries it. Signup's mails reach a real SMTP
// server (smtp-server) in Japanese.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { PgBoss } from 'pg-boss'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueDueInvoices, issueInvoice } from '../../server/services/billing'
import { ACTION_HANDLERS } from '../../server/services/lifecycle'
import { deliverPendingMail } from '../../server/services/mail'
import {
  createQueueClient,
  listQueueJobs,
  retryQueueJob,
  scheduleAction,
  startWorkers,
  type ActionName,
} from '../../server/services/queue'
import { signUp } from '../../server/services/signup'
import { uniq, useIntegrationDb } from '../helpers/db'

// Short retries for the failure test (read when a client creates or updates the queues).
process.env.QUEUE_RETRY_LIMIT = '2'
process.env.QUEUE_RETRY_DELAY_SECONDS = '1'

const db = useIntegrationDb()
const instances: PgBoss[] = []

async function instance(withWorkers = true) {
  const boss = await createQueueClient({ supervise: true })
  if (withWorkers) await startWorkers(boss, ACTION_HANDLERS, { pollingIntervalSeconds: 0.5 })
  instances.push(boss)
  return boss
}
async function stop(boss: PgBoss) {
  await boss.stop({ graceful: true, timeout: 5_000 })
  instances.splice(instances.indexOf(boss), 1)
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000) {
  const until = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function jobRow(id: string) {
  const [row] = await db.privileged.$queryRawUnsafe<
    { state: string; retry_count: number; retry_backoff: boolean; output: { message?: string } | null }[]
  >(`SELECT state::text AS state, retry_count, retry_backoff, output FROM pgboss.job WHERE id = $1::uuid`, id)
  return row
}

async function newTenant(id?: string) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  return db.privileged.tenant.create({
    data: { ...(id ? { id } : {}), slug: uniq('lq'), name: 'Queue Inn', planId: plan.id },
  })
}

const stubRuns = (tenantId: string) =>
  db.privileged.auditLog.count({ where: { tenantId, action: 'roi_first_measurement' } })

function enqueue(name: ActionName, tenantId: string, startAfter?: Date) {
  return db.privileged.$transaction((tx) => scheduleAction(tx, name, { tenantId, key: tenantId }, startAfter))
}

afterAll(async () => {
  for (const boss of [...instances]) await stop(boss)
})

describe('the durable queue', () => {
  it('runs an action scheduled before a restart once, on the instance that comes back', async () => {
    const tenant = await newTenant()
    const first = await instance()
    const id = await enqueue('roi.first-measurement', tenant.id, new Date(Date.now() + 3_000))
    expect(id).toBeTruthy()
    await stop(first) // the app goes down before the action is due
    expect((await jobRow(id!))!.state).toBe('created')
    await instance() // and comes back
    await waitFor('the action to complete', async () => (await jobRow(id!))?.state === 'completed')
    expect(await stubRuns(tenant.id)).toBe(1)
    const run = await db.privileged.jobRun.findUniqueOrThrow({
      where: { job_periodKey: { job: 'action:roi.first-measurement', periodKey: tenant.id } },
    })
    expect(run.status).toBe('succeeded')
  })

  it('runs each action once with two instances polling, even when the same key is enqueued twice', async () => {
    const a = await instance()
    const b = await instance()
    const tenants = await Promise.all([1, 2, 3, 4, 5].map(() => newTenant()))
    const ids = []
    for (const t of tenants) ids.push(await enqueue('roi.first-measurement', t.id))
    ids.push(await enqueue('roi.first-measurement', tenants[0]!.id)) // a second copy of the same occurrence
    for (const id of ids) await waitFor(`job ${id}`, async () => (await jobRow(id!))?.state === 'completed')
    for (const t of tenants) expect(await stubRuns(t.id)).toBe(1)
    await stop(a)
    await stop(b)
  })

  it('works through a backlog without pausing between jobs; one failure does not fail its batch', async () => {
    // A day of renewals enqueues thousands of actions: one job per poll (2 s) would take hours.
    const tenants = await Promise.all(Array.from({ length: 40 }, () => newTenant()))
    const ids = []
    for (const t of tenants) ids.push(await enqueue('roi.first-measurement', t.id))
    const missing = crypto.randomUUID() // fails: its batch-mates still complete
    const failing = await enqueue('roi.first-measurement', missing)
    const boss = await createQueueClient({ supervise: true })
    instances.push(boss)
    await startWorkers(boss, ACTION_HANDLERS, { pollingIntervalSeconds: 10 }) // 41 polls would be ~7 minutes
    const started = Date.now()
    for (const id of ids) await waitFor(`job ${id}`, async () => (await jobRow(id!))?.state === 'completed', 40_000)
    expect(Date.now() - started).toBeLessThan(40_000)
    await waitFor('the failing job to be retried or failed', async () =>
      ['retry', 'failed'].includes((await jobRow(failing!))?.state ?? ''),
    )
    for (const t of tenants) expect(await stubRuns(t.id)).toBe(1)
    await stop(boss)
  }, 90_000)

  it('retries a failing action with backoff, keeps it failed with its error, and runs it when HQ retries', async () => {
    const worker = await instance()
    const missing = crypto.randomUUID() // a hotel that does not exist (yet): the handler throws
    const started = Date.now()
    const id = await enqueue('roi.first-measurement', missing)
    await waitFor('the action to fail for good', async () => (await jobRow(id!))?.state === 'failed', 60_000)
    const row = (await jobRow(id!))!
    expect(row.retry_count).toBe(2) // the first attempt and two retries
    expect(row.retry_backoff).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000) // at least the first delay elapsed
    const attempts = await db.privileged.jobRun.findUniqueOrThrow({
      where: { job_periodKey: { job: 'action:roi.first-measurement', periodKey: missing } },
    })
    expect(attempts).toMatchObject({ status: 'failed', attempts: 3 })

    const listed = (await listQueueJobs(['failed'])).find((j) => j.id === id)
    expect(listed).toMatchObject({ name: 'roi.first-measurement', state: 'failed' })
    expect(listed!.error).toMatch(/No record was found|not found|Expected a record/i)

    await newTenant(missing) // the cause is fixed; HQ retries the action
    expect(await retryQueueJob('roi.first-measurement', id!)).toEqual({ retried: 1 })
    await waitFor('the retried action', async () => (await jobRow(id!))?.state === 'completed')
    expect(await stubRuns(missing)).toBe(1)
    await stop(worker)
  }, 90_000)
})

interface Received {
  rcptTo: string[]
  parsed: ParsedMail
}
async function startSmtp() {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), parsed })
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    to: (address: string) => received.filter((r) => r.rcptTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('lifecycle at signup', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  beforeAll(async () => {
    smtp = await startSmtp()
    process.env.SMTP_URL = smtp.url // read on every delivery run, the one after an action included
  })
  afterAll(async () => {
    delete process.env.SMTP_URL
    await smtp.close()
  })

  const deliver = () => deliverPendingMail()

  it('mails the onboarding now and the referral invitation on day 7 in Japanese; ROI comes on day 30', async () => {
    const worker = await instance()
    const email = `${uniq('owner')}@lifecycle.example`
    const before = Date.now()
    const { tenant } = await signUp({
      hotelName: '湯けむり旅館',
      subdomain: uniq('yukemuri'),
      ownerName: '山田 花子',
      email,
      password: 'a-long-password-1',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
    } as never)

    const jobs = await db.privileged.$queryRawUnsafe<{ id: string; name: string; start_after: Date }[]>(
      `SELECT id::text, name, start_after FROM pgboss.job WHERE data->>'tenantId' = $1 ORDER BY start_after`,
      tenant.id,
    )
    const dueIn = (name: string) => jobs.find((j) => j.name === name)!.start_after.getTime() - before
    const DAY = 86_400_000
    expect(dueIn('lifecycle.onboarding-mail')).toBeLessThan(60_000)
    expect(dueIn('lifecycle.referral-invitation-mail')).toBeGreaterThanOrEqual(7 * DAY - 1_000)
    expect(dueIn('lifecycle.referral-invitation-mail')).toBeLessThan(7 * DAY + 60_000)
    expect(dueIn('roi.first-measurement')).toBeGreaterThanOrEqual(30 * DAY - 1_000)

    await waitFor('the onboarding mail', async () => {
      await deliver()
      return smtp.to(email).length > 0
    })
    const onboarding = smtp.to(email)[0]!.parsed
    expect(onboarding.subject).toBe('【OmotenasuAI】湯けむり旅館 様、ご利用開始の手順のご案内')
    expect(onboarding.text).toContain('山田 花子 様')
    expect(onboarding.text).toContain('客室を登録する')

    // Seven days pass: the invitation comes due (and nothing else of this hotel's).
    await db.privileged.$executeRawUnsafe(
      `UPDATE pgboss.job SET start_after = now()
        WHERE name = 'lifecycle.referral-invitation-mail' AND data->>'tenantId' = $1`,
      tenant.id,
    )
    await waitFor('the referral invitation', async () => {
      await deliver()
      return smtp.to(email).length > 1
    })
    const invitation = smtp.to(email)[1]!.parsed
    expect(invitation.subject).toBe('【OmotenasuAI】お知り合いのホテルをご紹介ください（紹介プログラムのご案内）')
    expect(invitation.text).toContain('紹介先の月額料金の5%を12か月間お支払いし')
    expect(invitation.text).toMatch(/\/customer\/referral/)
    expect(smtp.to(email)).toHaveLength(2)
    expect(await stubRuns(tenant.id)).toBe(0) // day 30 has not come
    await stop(worker)
  }, 90_000)
})

describe('lifecycle at renewal', () => {
  it('grants the loyalty benefit after a year and proposes the next plan to HQ, once per period', async () => {
    const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('renew'), name: 'Renewal Inn', planId: plan.id, contractStartDate: new Date('2025-11-01') },
    })
    await issueInvoice(db.privileged, tenant, plan, 'monthly', '2026-10-01')
    const worker = await instance()
    const now = new Date('2026-11-05T03:00:00Z')
    await issueDueInvoices(db.privileged, now, { tenantIds: [tenant.id], stripeOn: false })
    await issueDueInvoices(db.privileged, now, { tenantIds: [tenant.id], stripeOn: false }) // a rerun: nothing new
    const task = await waitFor('the upsell task', () =>
      db.privileged.hqTask.findFirst({ where: { tenantId: tenant.id, kind: 'upsell_proposal' } }),
    )
    expect(task).toMatchObject({ dueFor: '2026-11-01', status: 'open', urgent: false })
    // The next plan up among the active ones (other test files add plans of their own to this database).
    expect(task.reasons).toMatchObject([
      { factor: 'renewal', detail: { periodStart: '2026-11-01', planCode: 'LEISURE_ECONOMY' } },
    ])
    const grant = await waitFor('the loyalty benefit', () =>
      db.privileged.auditLog.findFirst({ where: { tenantId: tenant.id, action: 'loyalty_benefit' } }),
    )
    expect(grant.after).toMatchObject({
      periodStart: '2026-11-01',
      benefits: ['loyalty_discount'],
      accountAgeDays: 365,
    })
    expect(await db.privileged.hqTask.count({ where: { tenantId: tenant.id } })).toBe(1)
    await stop(worker)
  }, 60_000)
})
