// GET /api/v1/hq/tasks?filter=open|mine|urgent|closed|all — HQ's tasks with their hotel's context
import { hqTaskListQuery } from '../../../../../shared/schemas/lifecycle'
import { listHqTasks } from '../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "HQ's tasks (churn interventions, follow-ups, upsell proposals) with the hotel's context (HQ)",
  query: hqTaskListQuery,
})

export default defineEventHandler(async (event) => {
  const { db, user } = await requireHq(event)
  const { filter } = readQueryInput(event, hqTaskListQuery)
  return listHqTasks(db, filter, user.id)
})
