// GET /api/v1/hq/payouts/zengin?month=&date= — the month's unpaid payouts as a Zengin (全銀)
// bulk transfer file: Shift_JIS, 120-byte records, CRLF
import { zenginQuery } from '../../../../../shared/schemas/queries'
import iconv from 'iconv-lite'
import { zenginForPayouts } from '../../../../services/payouts'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month, date } = readQueryInput(event, zenginQuery)
  const payouts = await db.payout.findMany({ where: { month, status: 'draft' }, orderBy: { payeeName: 'asc' } })
  const { records, missingBankAccount } = zenginForPayouts(payouts, date)
  setResponseHeader(event, 'Content-Type', 'text/plain; charset=Shift_JIS')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="zengin-${month}.txt"`)
  if (missingBankAccount.length) setResponseHeader(event, 'X-Missing-Bank-Account', encodeURIComponent(missingBankAccount.join(', ')))
  return iconv.encode(records.join('\r\n') + '\r\n', 'Shift_JIS')
})
