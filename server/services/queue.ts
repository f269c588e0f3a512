// The durable queue of one-off actions due at a time (pg-boss, schema `pgboss`, owned by the
// privileged role; see ARCHITECTURE.md "Lifecycle automation"). An action is enqueued in the
// transaction of what causes it (fromPrisma(tx)), so it exists exactly when its cause committed.
// pg-boss hands each job to one worker (SKIP LOCKED), retries failures with exponential backoff and
// keeps failed jobs with their error. Delivery is at least once (a crash between the work's commit and
// pg-boss's completion re-delivers it), so runAction does the work through runJobOnce: the job_runs
// row (unique on `action:{name}` + the action's key) commits with the work, and a second delivery finds
// it succeeded and does nothing.
import { fromPrisma, PgBoss, type Job, type JobResult } from 'pg-boss'
import { privilegedDb } from '../db/index.ts'
import { databaseUrls } from '../db/urls.ts'
import { runJobOnce, type JobTx } from './jobs.ts'
import { deliverMailSoon } from './mail.ts'
import { recordAudit, type Actor } from './audit.ts'
import { Conflict, msg, NotFound } from '../lib/errors.ts'

export const QUEUE_SCHEMA = 'pgboss'

/** Every action the queue runs; each has one handler (services/lifecycle.ts ACTION_HANDLERS). */
export const ACTIONS = [
  'lifecycle.onboarding-mail',
  'lifecycle.referral-invitation-mail',
  'roi.first-measurement',
  'renewal.loyalty-benefit',
  'renewal.upsell-proposal',
] as const
export type ActionName = (typeof ACTIONS)[number]

/** Every action's data: the hotel and a key that names this occurrence (one run per key). */
export interface ActionData {
  tenantId: string
  key: string
  [field: string]: string | number | boolean | null
}
export type ActionHandler = (tx: JobTx, data: ActionData) => Promise<Record<string, unknown>>

/** Retries: 30 s, 1 min, 2 min … at most an hour apart; 6 attempts, then failed (HQ retries it). */
export function retryPolicy(env: Record<string, string | undefined> = process.env) {
  return {
    retryLimit: Number(env.QUEUE_RETRY_LIMIT || 5),
    retryDelay: Number(env.QUEUE_RETRY_DELAY_SECONDS || 30),
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: 15 * 60,
  }
}

/** Workers run in this process unless QUEUE_WORKERS=off (producers still enqueue). */
export const queueWorkersEnabled = (env: Record<string, string | undefined> = process.env) =>
  env.QUEUE_WORKERS !== 'off'

let started: Promise<PgBoss> | undefined

/** A pg-boss instance on the privileged role; installs or upgrades its tables on first start. */
export async function createQueueClient(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrls().privileged,
    schema: QUEUE_SCHEMA,
    createSchema: false, // the migration created the schema: the privileged role may not
    application_name: 'omotenasu-queue',
    max: 4,
    supervise: options.supervise ?? true,
    schedule: false, // periodic jobs stay on nuxt-cron + job_runs (server/cron)
  })
  boss.on('error', (error: Error) => console.error('[queue]', error.message))
  await boss.start()
  const policy = retryPolicy()
  for (const name of ACTIONS) {
    const existing = await boss.getQueue(name)
    if (!existing) await boss.createQueue(name, policy)
    // Only when the policy changed: every instance starts this way, and an update takes row locks.
    else if (existing.retryLimit !== policy.retryLimit || existing.retryDelay !== policy.retryDelay)
      await boss.updateQueue(name, policy)
  }
  return boss
}

/** This process's queue client, started once. */
export function queue(): Promise<PgBoss> {
  if (!started) {
    started = createQueueClient()
    started.catch(() => (started = undefined)) // a failed start is retried by the next caller
  }
  return started
}

/**
 * Enqueues `name` in the caller's transaction: it commits (or rolls back) with its cause. `startAfter`
 * schedules it for later; the data's key names the occurrence, so a second enqueue of the same key
 * runs no second time.
 */
export async function scheduleAction(tx: JobTx, name: ActionName, data: ActionData, startAfter?: Date) {
  const boss = await queue()
  return boss.send(name, data, { startAfter, db: fromPrisma(tx) })
}

/** Runs one delivered job exactly once per key (job_runs); throws so pg-boss retries a failure. */
export async function runAction(name: ActionName, handler: ActionHandler, job: Job<ActionData>) {
  const outcome = await runJobOnce(privilegedDb(), `action:${name}`, job.data.key, (tx) => handler(tx, job.data))
  if (outcome.status === 'failed') throw new Error(outcome.error)
  if (outcome.status === 'busy') throw new Error(`action:${name} ${job.data.key} is running elsewhere`)
  if (outcome.status === 'ran') deliverMailSoon() // the mails it wrote to the outbox, now rather than next minute
  return outcome
}

/** Jobs a worker takes at once: while its fetches come back full it fetches again without waiting. */
const BATCH = 10

/**
 * Starts one worker per action on `boss` (several instances: pg-boss gives each job to one of them).
 * A batch is settled job by job: one failure is retried on its own, the others complete. While a
 * backlog lasts (a day of renewals: thousands of actions) a worker fetches batch after batch without
 * the polling pause; one job per poll would take 2 s a job.
 */
export async function startWorkers(
  boss: PgBoss,
  handlers: Record<ActionName, ActionHandler>,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  for (const name of ACTIONS) {
    await boss.work(
      name,
      {
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        batchSize: BATCH,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (jobs: Job<ActionData>[]) => {
        const results: JobResult[] = []
        for (const job of jobs) {
          try {
            results.push({ id: job.id, status: 'completed', output: await runAction(name, handlers[name], job) })
          } catch (error) {
            const e = error instanceof Error ? error : new Error(String(error))
            results.push({ id: job.id, status: 'failed', output: { name: e.name, message: e.message } })
          }
        }
        return results
      },
    )
  }
}

/** Stops this process's client: workers finish their current job (up to 10 s), then the pool closes. */
export async function stopQueue(): Promise<void> {
  const boss = await started?.catch(() => undefined)
  started = undefined
  await boss?.stop({ graceful: true, timeout: 10_000 })
}

export type QueueJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'
export interface QueueJobRow {
  id: string
  name: string
  state: QueueJobState
  data: ActionData
  retryCount: number
  retryLimit: number
  startAfter: Date
  startedOn: Date | null
  createdOn: Date
  completedOn: Date | null
  error: string | null
}

/** Queued, running and failed actions for HQ (/hq/jobs), newest first. */
export async function listQueueJobs(
  states: QueueJobState[] = ['created', 'retry', 'active', 'failed'],
  limit = 100,
): Promise<QueueJobRow[]> {
  const rows = await privilegedDb().$queryRawUnsafe<(Omit<QueueJobRow, 'error'> & { output: unknown })[]>(
    `SELECT id::text AS id, name, state::text AS state, data, retry_count AS "retryCount",
            retry_limit AS "retryLimit", start_after AS "startAfter", started_on AS "startedOn",
            created_on AS "createdOn", completed_on AS "completedOn", output
       FROM ${QUEUE_SCHEMA}.job
      WHERE state::text = ANY($1::text[]) AND name = ANY($2::text[])
      ORDER BY created_on DESC LIMIT $3`,
    states,
    [...ACTIONS],
    limit,
  )
  return rows.map(({ output, ...row }) => ({ ...row, error: errorOf(output) }))
}

/** pg-boss stores a thrown error as { name, message, stack } in output. */
function errorOf(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null
  const message = (output as { message?: unknown }).message
  return typeof message === 'string' ? message.slice(0, 2000) : JSON.stringify(output).slice(0, 2000)
}

/** Puts a failed action back in the queue, due now; in `tx` when given. */
export async function retryQueueJob(name: ActionName, id: string, tx?: JobTx): Promise<{ retried: number }> {
  const boss = await queue()
  const result = (await boss.retry(name, id, tx ? { db: fromPrisma(tx) } : {})) as { affected?: number }
  return { retried: result.affected ?? 0 }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** HQ retries one failed action (POST /api/v1/hq/queue-jobs/:id/retry); the retry and its audit commit together. */
export async function retryFailedAction(id: string, actor: Actor) {
  const notFound = () => NotFound(msg('queue_job_not_found', 'その処理は見つかりません。', 'There is no such action.'))
  if (!UUID.test(id)) throw notFound()
  await queue() // started before the transaction
  return privilegedDb().$transaction(async (tx) => {
    const [job] = await tx.$queryRawUnsafe<{ name: string; state: string; data: ActionData }[]>(
      `SELECT name, state::text AS state, data FROM ${QUEUE_SCHEMA}.job WHERE id = $1::uuid FOR UPDATE`,
      id,
    )
    if (!job || !(ACTIONS as readonly string[]).includes(job.name)) throw notFound()
    if (job.state !== 'failed')
      throw Conflict(
        msg('queue_job_not_failed', '再実行できるのは失敗した処理だけです。', 'Only a failed action can be retried.'),
      )
    const result = await retryQueueJob(job.name as ActionName, id, tx)
    await recordAudit(tx, actor, {
      tenantId: job.data?.tenantId ?? null,
      action: 'retry',
      entity: 'queue_job',
      entityId: id,
      after: { name: job.name, key: job.data?.key ?? null },
    })
    return { id, name: job.name, ...result }
  })
}
