// POST /api/v1/hq/concierge-keys — issue a concierge service key, shown only in this response (HQ; audited)
import { conciergeKeyInput } from '../../../../../shared/schemas/roi'
import { issueConciergeKey } from '../../../../services/api-keys'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { name } = await readInput(event, conciergeKeyInput)
  setResponseStatus(event, 201)
  return issueConciergeKey(name, auditActor(event))
})
