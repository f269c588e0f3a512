// POST /api/v1/hq/jobs/:job/run — run a scheduled job now, outside its schedule (HQ; audited)
import { runJobNow } from '../../../../../services/manual-jobs'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'run a scheduled job now, outside its schedule (HQ; audited). The work is the same and as idempotent as the ' +
    'scheduled run; the run is recorded under its own period key so it never blocks the scheduled one.',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return runJobNow(routeParam(event, 'job'), auditActor(event))
})
