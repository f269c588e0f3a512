// Runs a scheduled job exactly once per period across app instances: a transaction-scoped
// advisory lock keeps concurrent instances out, the job_runs row (unique on job + period)
// records the outcome, and the work shares the transaction, so a crash midway leaves nothing
// half-written and the next tick retries.
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
        const [lock] = await tx.$queryRaw<
          { locked: boolean }[]
        >`SELECT pg_try_advisory_xact_lock(hashtextextended(${`job:${job}:${periodKey}`}, 0)) AS locked`
        if (!lock?.locked) return { status: 'busy' as const }
        const previous = await tx.jobRun.findUnique({ where: { job_periodKey: { job, periodKey } } })
        if (previous?.status === 'succeeded') return { status: 'already_done' as const }
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
 * The cluster test's probe (POST /api/cluster/job, CLUSTER_TEST=1 only): the cron path of a job that
 * changes nothing and takes half a second, so two instances firing it at once overlap.
 */
export function runClusterProbe(db: PrismaClient, periodKey: string, instance: string | null): Promise<JobOutcome> {
  return runJobOnce(db, 'cluster-probe', periodKey, async (tx) => {
    await tx.$executeRaw`SELECT pg_sleep(0.5)`
    return { instance }
  })
}
