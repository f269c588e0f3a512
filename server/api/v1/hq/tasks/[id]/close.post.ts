// POST /api/v1/hq/tasks/:id/close — close a task (HQ; audited)
import { closeHqTask } from '../../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'close a task (HQ; audited)',
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction((tx) => closeHqTask(tx, id, auditActor(event)))
})
