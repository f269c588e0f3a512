// GET /api/v1/hq/tasks/:id — one task with its reasons, comments and the hotel's context
import { hqTaskDetail } from '../../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "one task with its reasons, comments and the hotel's plan, churn-score history and open invoices (HQ)",
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return hqTaskDetail(db, routeParam(event, 'id'))
})
