// PUT /api/v1/hq/kpis/spend — record the acquisition spend of a channel and month (HQ; audited)
import { acquisitionSpendInput } from '../../../../../shared/schemas/kpis'
import { setAcquisitionSpend } from '../../../../services/kpis'

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, acquisitionSpendInput)
  return setAcquisitionSpend(input, auditActor(event))
})
