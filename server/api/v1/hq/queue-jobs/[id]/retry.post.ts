// POST /api/v1/hq/queue-jobs/:id/retry — put a failed action back in the queue, due now (HQ; audited)
import { retryFailedAction } from '../../../../../services/queue'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'put a failed queue action back in the queue, due now (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return retryFailedAction(routeParam(event, 'id'), auditActor(event))
})
