// POST /api/v1/hq/jobs/:job/run — run a scheduled job now, outside its schedule (HQ; audited).
// The work is the same and as idempotent as the scheduled run; the run is recorded under its own
// period key so it never blocks the scheduled one.
import { privilegedDb } from '../../../../../db/index'
import { NotFound } from '../../../../../lib/errors'
import { evaluateAgentRanks } from '../../../../../services/agents'
import { issueDueInvoices } from '../../../../../services/billing'
import { recordDueCommissions } from '../../../../../services/commissions'
import { runJobOnce, type JobTx } from '../../../../../services/jobs'
import { runPmsSyncJob } from '../../../../../services/pms'
import { measureRoi } from '../../../../../services/roi'

const JOBS: Record<string, (tx: JobTx, now: Date) => Promise<Record<string, unknown>>> = {
  commissions: (tx, now) => recordDueCommissions(tx, now),
  billing: (_tx, now) => issueDueInvoices(privilegedDb(), now),
  ranks: (tx, now) => evaluateAgentRanks(tx, now),
  roi: (tx, now) => measureRoi(tx, now),
}

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const job = routeParam(event, 'job')
  const now = new Date()
  const period = `manual:${now.toISOString()}`
  const work = JOBS[job]
  let outcome
  if (work) outcome = await runJobOnce(db, job, period, (tx) => work(tx, now))
  else if (job === 'pms-sync') {
    // One exactly-once run per connection (see runPmsSyncJob), under this manual period key.
    const { connections, ran } = await runPmsSyncJob(now, period)
    outcome = { status: 'ran' as const, details: { connections, ran } }
  } else throw NotFound(`There is no job "${job}". Jobs: ${[...Object.keys(JOBS), 'pms-sync'].join(', ')}.`)
  await writeAudit(db, event, { action: 'run', entity: 'job', entityId: job, after: outcome })
  return outcome
})
