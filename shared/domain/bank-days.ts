// Bank business days in Japan (Asia/Tokyo): no Saturdays or Sundays, no national holidays
// (@holiday-jp/holiday_jp, including substitute holidays and 国民の休日), and no 12/31–1/3, when
// banks are closed. Pure: business dates 'YYYY-MM-DD' in, out; `now` is passed in.
import holidayJp from '@holiday-jp/holiday_jp'
import { addMonthsToMonth } from './referrals.ts'
import { periodKey } from './schedule.ts'

const HOLIDAYS: Record<string, { name: string; name_en: string }> = holidayJp.holidays

const utc = (date: string) => new Date(`${date}T00:00:00Z`)
const iso = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (date: string, n: number) => iso(new Date(utc(date).getTime() + n * 86_400_000))

/** Why banks are closed on `date`, or null on a bank business day. */
export function bankHoliday(date: string): null | 'weekend' | 'year_end' | { holiday: string; holidayEn: string } {
  const day = utc(date).getUTCDay()
  if (day === 0 || day === 6) return 'weekend'
  const md = date.slice(5)
  if (md === '12-31' || md === '01-01' || md === '01-02' || md === '01-03') return 'year_end'
  const h = HOLIDAYS[date]
  return h ? { holiday: h.name, holidayEn: h.name_en } : null
}

export const isBankBusinessDay = (date: string) => bankHoliday(date) === null

/** `date` itself when banks are open on it, otherwise the next day they are. */
export function bankBusinessDayOnOrAfter(date: string): string {
  let d = date
  while (!isBankBusinessDay(d)) d = addDays(d, 1)
  return d
}

/** The first bank business day strictly after `date`. */
export const nextBankBusinessDay = (date: string) => bankBusinessDayOnOrAfter(addDays(date, 1))

/** `n` bank business days after `date` (n ≥ 0; 0 gives `date` moved onto a business day). */
export function addBankBusinessDays(date: string, n: number): string {
  let d = bankBusinessDayOnOrAfter(date)
  for (let i = 0; i < n; i++) d = nextBankBusinessDay(d)
  return d
}

/** Bank business days between two dates, both included. */
export function bankBusinessDaysBetween(from: string, to: string): number {
  let n = 0
  for (let d = from; d <= to; d = addDays(d, 1)) if (isBankBusinessDay(d)) n++
  return n
}

/**
 * Banks want a 総合振込 file before the transfer date; we ask for two bank business days of notice
 * (the file is sent today, the bank processes it on the next business day, transfers on the one after).
 */
export const TRANSFER_NOTICE_BUSINESS_DAYS = 2

/** What the HQ payouts screen and API default to at `now`: last month (Tokyo) and the earliest transfer date. */
export function payoutDefaults(now: Date): { today: string; month: string; transferDate: string } {
  const today = periodKey(now, 'day')
  return {
    today,
    month: addMonthsToMonth(today.slice(0, 7), -1),
    transferDate: addBankBusinessDays(today, TRANSFER_NOTICE_BUSINESS_DAYS),
  }
}

/** Why a transfer date cannot be used at `now` (Tokyo), or null. */
export function transferDateProblem(
  date: string,
  now: Date,
): null | { code: 'past' | 'closed' | 'too_soon'; earliest: string } {
  const { transferDate: earliest } = payoutDefaults(now)
  if (!isBankBusinessDay(date)) return { code: 'closed', earliest }
  if (date <= periodKey(now, 'day')) return { code: 'past', earliest }
  if (date < earliest) return { code: 'too_soon', earliest }
  return null
}
