// POST /api/v1/hq/jobs/:job/run — run a scheduled job now, outside its schedule (HQ; audited)
import { runJobNow } from '../../../../../services/manual-jobs'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return runJobNow(routeParam(event, 'job'), auditActor(event))
})
