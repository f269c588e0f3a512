// GET /api/v1/hq/payouts/zengin?month=&date= — the month's unpaid payouts as a Zengin (全銀)
// bulk transfer file: Shift_JIS, 120-byte records, CRLF
import iconv from 'iconv-lite'
import { z } from 'zod'
import { zenginForPayouts } from '../../../../services/payouts'

const query = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'Give the month as YYYY-MM.'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the transfer date as YYYY-MM-DD.') })

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { month, date } = readQueryInput(event, query)
  const payouts = await db.payout.findMany({ where: { month, status: 'draft' }, orderBy: { payeeName: 'asc' } })
  const { records, missingBankAccount } = zenginForPayouts(payouts, date)
  setResponseHeader(event, 'Content-Type', 'text/plain; charset=Shift_JIS')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="zengin-${month}.txt"`)
  if (missingBankAccount.length) setResponseHeader(event, 'X-Missing-Bank-Account', encodeURIComponent(missingBankAccount.join(', ')))
  return iconv.encode(records.join('\r\n') + '\r\n', 'Shift_JIS')
})
