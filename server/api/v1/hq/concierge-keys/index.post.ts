// POST /api/v1/hq/concierge-keys — issue a concierge service key, shown only in this response (HQ; audited)
import { conciergeKeyInput } from '../../../../../shared/schemas/roi'
import { issueConciergeKey } from '../../../../services/api-keys'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'issue a concierge service key, shown once (audited)',
  body: conciergeKeyInput,
  created: true,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { name } = await readInput(event, conciergeKeyInput)
  setResponseStatus(event, 201)
  return issueConciergeKey(name, auditActor(event))
})
