// GET /api/v1/hq/tasks/assignees — the HQ users a task may be assigned to
import { hqAssignees } from '../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'the HQ users a task may be assigned to (HQ)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return hqAssignees(db)
})
