// POST /api/v1/hq/tasks/:id/close — close a task (HQ; audited)
import { closeHqTask } from '../../../../../services/hq-tasks'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  return db.$transaction((tx) => closeHqTask(tx, id, auditActor(event)))
})
