// POST /api/v1/hq/tasks/:id/comments — comment on a task (HQ; audited)
import { hqTaskCommentInput } from '../../../../../../shared/schemas/lifecycle'
import { commentHqTask } from '../../../../../services/hq-tasks'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary: 'comment on a task (HQ; audited)',
  body: hqTaskCommentInput,
})

export default defineEventHandler(async (event) => {
  const { db, user } = await requireHq(event)
  const id = routeParam(event, 'id')
  const { body } = await readInput(event, hqTaskCommentInput)
  setResponseStatus(event, 201)
  return db.$transaction((tx) => commentHqTask(tx, id, body, { ...auditActor(event), id: user.id }))
})
