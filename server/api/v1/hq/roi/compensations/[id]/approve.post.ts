// POST /api/v1/hq/roi/compensations/:id/approve — pay a case as a refund or a credit on the next invoice (HQ; audited)
import { compensationApproveInput } from '../../../../../../../shared/schemas/roi'
import { approveCompensation } from '../../../../../../services/roi'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { as } = await readInput(event, compensationApproveInput)
  return approveCompensation(routeParam(event, 'id'), as, auditActor(event))
})
