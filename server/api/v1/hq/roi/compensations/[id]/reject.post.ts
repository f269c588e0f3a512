// POST /api/v1/hq/roi/compensations/:id/reject — reject a compensation case with the reason (HQ; audited)
import { compensationRejectInput } from '../../../../../../../shared/schemas/roi'
import { rejectCompensation } from '../../../../../../services/roi'
import { defineApiMeta } from '../../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'reject a compensation case with the reason (audited)',
  body: compensationRejectInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, compensationRejectInput)
  return rejectCompensation(routeParam(event, 'id'), reason, auditActor(event))
})
