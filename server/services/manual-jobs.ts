// HQ runs a scheduled job now, outside its schedule. The work is the same and as idempotent as the
// scheduled run; the run is recorded under its own period key so it never blocks the scheduled one.
import { privilegedDb } from '../db/index.ts'
import { msg, NotFound } from '../lib/errors.ts'
import { evaluateAgentRanks } from './agents.ts'
import { recordAudit, type Actor } from './audit.ts'
import { issueDueInvoices } from './billing.ts'
import { recordDueCommissions } from './commissions.ts'
import { runJobOnce, type JobOutcome, type JobTx } from './jobs.ts'
import { runPmsSyncJob } from './pms/index.ts'
import { measureRoi } from './roi.ts'

const JOBS: Record<string, (tx: JobTx, now: Date) => Promise<Record<string, unknown>>> = {
  commissions: (tx, now) => recordDueCommissions(tx, now),
  billing: (_tx, now) => issueDueInvoices(privilegedDb(), now),
  ranks: (tx, now) => evaluateAgentRanks(tx, now),
  roi: (tx, now) => measureRoi(tx, now),
}

/** Runs `job` now and records who ran it and what came of it. */
export async function runJobNow(job: string, actor: Actor, now = new Date()): Promise<JobOutcome> {
  const period = `manual:${now.toISOString()}`
  const work = JOBS[job]
  let outcome: JobOutcome
  if (work) outcome = await runJobOnce(privilegedDb(), job, period, (tx) => work(tx, now))
  else if (job === 'pms-sync') {
    // One exactly-once run per connection (see runPmsSyncJob), under this manual period key.
    const { connections, ran } = await runPmsSyncJob(now, period)
    outcome = { status: 'ran', details: { connections, ran } }
  } else {
    const jobs = [...Object.keys(JOBS), 'pms-sync'].join(', ')
    throw NotFound(
      msg(
        'job_not_found',
        `ジョブ「${job}」はありません。実行できるジョブ: ${jobs}。`,
        `There is no job "${job}". Jobs: ${jobs}.`,
      ),
    )
  }
  // After the run, in its own transaction: a failed run is recorded too (it rolled its own work back).
  await recordAudit(privilegedDb(), actor, { action: 'run', entity: 'job', entityId: job, after: outcome })
  return outcome
}
