// GET /api/v1/hq/tasks/:id — one task with its reasons, comments and the hotel's context
import { hqTaskDetail } from '../../../../../services/hq-tasks'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return hqTaskDetail(db, routeParam(event, 'id'))
})
