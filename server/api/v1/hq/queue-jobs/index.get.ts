// GET /api/v1/hq/queue-jobs — queued, running and failed actions of the durable queue, with errors
import { listQueueJobs } from '../../../../services/queue'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listQueueJobs()
})
