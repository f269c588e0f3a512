// POST /api/v1/hq/business-rules — schedule a business number from a date (tomorrow at the earliest; HQ; audited)
import { businessSettingInput } from '../../../../../shared/schemas/business-rules'
import { scheduleBusinessSetting } from '../../../../services/business-rules'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'HQ',
  security: 'hq',
  summary:
    'schedule a business number from a date, tomorrow (Asia/Tokyo) at the earliest; rates in percent. Issued ' +
    'invoices, recorded commissions and payouts keep theirs (HQ; audited)',
  body: businessSettingInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, businessSettingInput)
  setResponseStatus(event, 201)
  return scheduleBusinessSetting(input, auditActor(event), new Date())
})
