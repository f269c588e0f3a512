// PUT /api/v1/hq/kpis/spend — record the acquisition spend of a channel and month (HQ; audited)
import { acquisitionSpendInput } from '../../../../../shared/schemas/kpis'
import { setAcquisitionSpend } from '../../../../services/kpis'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'record the acquisition spend of a channel and month (audited)',
  body: acquisitionSpendInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, acquisitionSpendInput)
  return setAcquisitionSpend(input, auditActor(event))
})
