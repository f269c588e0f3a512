// GET /api/v1/hq/queue-jobs — queued, running and failed actions of the durable queue, with errors
import { listQueueJobs } from '../../../../services/queue'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'queued, running and failed actions of the durable queue, with the error of each failure (HQ)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return listQueueJobs()
})
