// POST /api/v1/hq/roi/compensations/:id/approve — pay a case as a refund or a credit on the next invoice (HQ; audited)
import { compensationApproveInput } from '../../../../../../../shared/schemas/roi'
import { approveCompensation } from '../../../../../../services/roi'
import { defineApiMeta } from '../../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'approve a compensation case as a refund or as a credit on the next invoice (audited)',
  body: compensationApproveInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { as } = await readInput(event, compensationApproveInput)
  return approveCompensation(routeParam(event, 'id'), as, auditActor(event))
})
