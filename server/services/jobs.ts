// Runs a scheduled job exactly once per period across app instances: a transaction-scoped
// advisory lock keeps concurrent instances out, the job_runs row (unique on job + period)
// records the outcome, and the work shares the transaction, so a crash midway leaves nothing
// half-written and the next tick retries. That is for work inside our database; work that waits on
// a vendor over HTTP uses runJobClaimed (claim, work with no transaction open, record).
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { faultPoint } from '../lib/faults.ts'

export type JobTx = Prisma.TransactionClient
export type JobOutcome =
  | { status: 'ran'; details: Record<string, unknown> }
  | { status: 'already_done' }
  | { status: 'busy' }
  | { status: 'failed'; error: string }

export async function runJobOnce(
  db: PrismaClient,
  job: string,
  periodKey: string,
  work: (tx: JobTx) => Promise<Record<string, unknown>>,
  options: { timeoutMs?: number } = {},
): Promise<JobOutcome> {
  try {
    return await db.$transaction(
      async (tx) => {
        const period = await lockPeriod(tx, job, periodKey)
        if (period.status !== 'free') return period
        const previous = period.previous
        const run = previous
          ? await tx.jobRun.update({
              where: { id: previous.id },
              data: { status: 'running', attempts: { increment: 1 }, startedAt: new Date(), error: null },
            })
          : await tx.jobRun.create({ data: { job, periodKey } })
        const details = await work(tx)
        await faultPoint(`job:${job}`) // test:reliability kills the app here: the work is written, not committed
        await tx.jobRun.update({
          where: { id: run.id },
          data: { status: 'succeeded', finishedAt: new Date(), details: details as Prisma.InputJsonValue },
        })
        return { status: 'ran' as const, details }
      },
      { timeout: options.timeoutMs ?? 5 * 60_000, maxWait: 10_000 },
    )
  } catch (error) {
    const message = (error as Error).message.slice(0, 2000)
    // The work rolled back; record the failure outside it so HQ sees it and the next tick retries.
    await db.jobRun
      .upsert({
        where: { job_periodKey: { job, periodKey } },
        create: { job, periodKey, status: 'failed', error: message, finishedAt: new Date() },
        update: { status: 'failed', error: message, finishedAt: new Date(), attempts: { increment: 1 } },
      })
      .catch(() => {})
    return { status: 'failed', error: message }
  }
}

/**
 * The same once-per-period guarantee for work that waits on someone else's server (a PMS vendor over
 * HTTP): no transaction and no pool connection is held while it waits. Three steps:
 *  1. claim, one short transaction: the advisory lock keeps concurrent claimers out for the instant
 *     of the claim; the job_runs row (unique job + period) is then committed as `running` with
 *     `started_at`, which is the lease: other instances see it and answer 'busy' until `leaseMs` has
 *     passed (a crashed worker's run is taken over after that, with `attempts` + 1);
 *  2. work, outside any transaction (it opens its own short ones, idempotent on its unique keys);
 *  3. record the outcome in one UPDATE fenced on the claim's attempt: a run taken over after its lease
 *     lapsed cannot overwrite its successor's result.
 * A crash between 2 and 3 leaves the row `running` until the lease lapses; the work ran, and a rerun
 * converges on the same rows (upserts), so a period's work is done once and recorded once.
 */
export async function runJobClaimed(
  db: PrismaClient,
  job: string,
  periodKey: string,
  work: () => Promise<Record<string, unknown>>,
  options: { leaseMs?: number } = {},
): Promise<JobOutcome> {
  const leaseMs = options.leaseMs ?? 15 * 60_000
  const claim = await db.$transaction(async (tx) => {
    const period = await lockPeriod(tx, job, periodKey)
    if (period.status !== 'free') return period
    const previous = period.previous
    // The database's clock, the same for every instance.
    const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`
    const now = clock!.now
    if (previous?.status === 'running' && now.getTime() - previous.startedAt.getTime() < leaseMs)
      return { status: 'busy' as const }
    const run = previous
      ? await tx.jobRun.update({
          where: { id: previous.id },
          data: { status: 'running', attempts: { increment: 1 }, startedAt: now, finishedAt: null, error: null },
        })
      : await tx.jobRun.create({ data: { job, periodKey, startedAt: now } })
    return { status: 'claimed' as const, id: run.id, attempts: run.attempts }
  })
  if (claim.status !== 'claimed') return claim
  const fence = { id: claim.id, attempts: claim.attempts, status: 'running' as const }
  let details: Record<string, unknown>
  try {
    details = await work()
  } catch (error) {
    const message = (error as Error).message.slice(0, 2000)
    await db.jobRun
      .updateMany({ where: fence, data: { status: 'failed', error: message, finishedAt: new Date() } })
      .catch(() => {})
    return { status: 'failed', error: message }
  }
  await db.jobRun.updateMany({
    where: fence,
    data: { status: 'succeeded', finishedAt: new Date(), details: details as Prisma.InputJsonValue },
  })
  return { status: 'ran', details }
}

/**
 * Runs of `jobPrefix` left `running` past their lease (the instance that claimed them stopped and
 * their slot never comes again) become failed with that reason, so HQ's list shows what happened.
 * The lease is read on the database's clock, as runJobClaimed reads it.
 */
export async function failStalledRuns(db: PrismaClient, jobPrefix: string, leaseMs = 15 * 60_000) {
  return db.$executeRaw`
    UPDATE job_runs SET status = 'failed', finished_at = clock_timestamp(),
      error = 'The instance running it stopped before recording a result (its lease lapsed).'
    WHERE job LIKE ${`${jobPrefix}%`} AND status = 'running'
      AND started_at < clock_timestamp() - make_interval(secs => ${leaseMs / 1000})`
}

/**
 * The cluster test's probe (POST /api/cluster/job, CLUSTER_TEST=1 only): the cron path of a job that
 * changes nothing and takes half a second, so two instances firing it at once overlap.
 */
export function runClusterProbe(db: PrismaClient, periodKey: string, instance: string | null): Promise<JobOutcome> {
  return runJobOnce(db, 'cluster-probe', periodKey, async (tx) => {
    await tx.$executeRaw`SELECT pg_sleep(0.5)`
    return { instance }
  })
}

/**
 * The period's advisory lock (held to the end of the transaction) and its earlier run: `already_done`
 * when a run succeeded, `busy` when another instance holds the lock, else `free` with the earlier run
 * (read again under the lock).
 */
async function lockPeriod(tx: JobTx, job: string, periodKey: string) {
  // A finished period says so, even while another instance holds its lock for a look.
  const done = await tx.jobRun.findUnique({ where: { job_periodKey: { job, periodKey } }, select: { status: true } })
  if (done?.status === 'succeeded') return { status: 'already_done' as const }
  const [lock] = await tx.$queryRaw<
    { locked: boolean }[]
  >`SELECT pg_try_advisory_xact_lock(hashtextextended(${`job:${job}:${periodKey}`}, 0)) AS locked`
  if (!lock?.locked) return { status: 'busy' as const }
  const previous = await tx.jobRun.findUnique({ where: { job_periodKey: { job, periodKey } } })
  if (previous?.status === 'succeeded') return { status: 'already_done' as const }
  return { status: 'free' as const, previous }
}
