// GET /api/v1/hq/payouts/zengin?month=&date= — the Zengin (全銀 総合振込) file of the month's approved
// payouts (they become exported): Shift_JIS, 120-byte records, CRLF. Stored at the first download;
// every later download returns the same bytes (HQ; audited)
import { zenginQuery } from '../../../../../shared/schemas/queries'
import { payoutDefaults } from '../../../../../shared/domain/bank-days'
import { payoutDesk } from '../../../../services/payouts'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    "the Zengin (全銀 総合振込) file of the month's approved payouts, which become exported: Shift_JIS, 120-byte " +
    'records, CRLF; stored at the first download, the same bytes on every later one (HQ; audited)',
  query: zenginQuery,
  produces: 'text/plain; charset=Shift_JIS',
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const { month, date } = readQueryInput(event, zenginQuery)
  const now = new Date()
  const transferDate = date ?? payoutDefaults(now).transferDate
  return sendZenginFile(event, await payoutDesk.exportZenginFile(month, transferDate, auditActor(event), now))
})
