// POST /api/v1/hq/pms-vendors/:id/api-keys — issue a key; the response is the only time it is shown
import { apiKeyInput } from '../../../../../../shared/schemas/hq'
import { issueApiKey } from '../../../../../services/api-keys'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary: 'issue a key; the response is the only time it is shown',
  body: apiKeyInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { name } = await readInput(event, apiKeyInput)
  const issued = await issueApiKey(routeParam(event, 'id'), name, auditActor(event))
  setResponseStatus(event, 201)
  return issued
})
