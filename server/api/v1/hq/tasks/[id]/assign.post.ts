// POST /api/v1/hq/tasks/:id/assign — assign the task to an HQ user, or unassign it (HQ; audited)
import { hqTaskAssignInput } from '../../../../../../shared/schemas/lifecycle'
import { assignHqTask } from '../../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'assign a task to an HQ user, or unassign it (HQ; audited)',
  body: hqTaskAssignInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  const { assigneeUserId } = await readInput(event, hqTaskAssignInput)
  return db.$transaction((tx) => assignHqTask(tx, id, assigneeUserId, auditActor(event)))
})
