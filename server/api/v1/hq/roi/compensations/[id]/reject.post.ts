// POST /api/v1/hq/roi/compensations/:id/reject — reject a compensation case with the reason (HQ; audited)
import { compensationRejectInput } from '../../../../../../../shared/schemas/roi'
import { rejectCompensation } from '../../../../../../services/roi'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { reason } = await readInput(event, compensationRejectInput)
  return rejectCompensation(routeParam(event, 'id'), reason, auditActor(event))
})
