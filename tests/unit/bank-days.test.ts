import { describe, expect, it } from 'vitest'
import {
  addBankBusinessDays,
  bankBusinessDayOnOrAfter,
  bankHoliday,
  isBankBusinessDay,
  nextBankBusinessDay,
  payoutDefaults,
  transferDateProblem,
} from '../../shared/domain/bank-days'

describe('bank business days in Japan', () => {
  it.each([
    ['2026-12-10', true], // Thursday
    ['2026-12-12', false], // Saturday
    ['2026-12-13', false], // Sunday
    ['2026-12-31', false], // 大晦日: banks closed
    ['2027-01-01', false],
    ['2027-01-02', false],
    ['2027-01-03', false],
    ['2027-01-04', true],
    ['2027-01-11', false], // 成人の日
    ['2027-03-22', false], // 振替休日 (春分の日 on a Sunday)
    ['2026-05-06', false], // 振替休日 (憲法記念日 on a Sunday)
    ['2026-09-22', false], // 国民の休日 between 敬老の日 and 秋分の日
    ['2027-04-29', false],
    ['2027-05-03', false],
    ['2027-05-04', false],
    ['2027-05-05', false],
    ['2027-05-06', true],
  ])('%s open: %s', (date, open) => expect(isBankBusinessDay(date)).toBe(open))

  it('names why a day is closed', () => {
    expect(bankHoliday('2027-03-22')).toMatchObject({ holiday: '春分の日 振替休日' })
    expect(bankHoliday('2026-12-31')).toBe('year_end')
    expect(bankHoliday('2026-12-12')).toBe('weekend')
  })

  it.each([
    // from, on or after, strictly next
    ['2026-12-10', '2026-12-10', '2026-12-11'],
    ['2026-12-30', '2026-12-30', '2027-01-04'], // New Year: 12/31–1/3, then Monday
    ['2026-12-31', '2027-01-04', '2027-01-04'],
    ['2027-04-28', '2027-04-28', '2027-04-30'], // Golden Week: 4/29 Thursday holiday
    ['2027-04-30', '2027-04-30', '2027-05-06'], // 5/1–5/5 closed
    ['2026-05-01', '2026-05-01', '2026-05-07'], // 2026: 5/2 Sat … 5/6 振替休日
    ['2027-03-19', '2027-03-19', '2027-03-23'], // Friday, then the weekend and 振替休日
  ])('from %s: on or after %s, next %s', (from, onOrAfter, next) => {
    expect(bankBusinessDayOnOrAfter(from)).toBe(onOrAfter)
    expect(nextBankBusinessDay(from)).toBe(next)
  })

  it('counts business days forward', () => {
    expect(addBankBusinessDays('2026-12-29', 2)).toBe('2027-01-04')
    expect(addBankBusinessDays('2026-12-28', 0)).toBe('2026-12-28')
  })
})

describe('HQ payout defaults are Tokyo dates', () => {
  it.each([
    // 00:50 Tokyo on 1 December is still 30 November in UTC: the month closed is November.
    ['2026-11-30T15:50:00Z', { today: '2026-12-01', month: '2026-11', transferDate: '2026-12-03' }],
    ['2026-12-01T14:59:00Z', { today: '2026-12-01', month: '2026-11', transferDate: '2026-12-03' }],
    ['2026-12-28T01:00:00Z', { today: '2026-12-28', month: '2026-11', transferDate: '2026-12-30' }],
    ['2026-12-29T01:00:00Z', { today: '2026-12-29', month: '2026-11', transferDate: '2027-01-04' }],
    ['2027-01-01T00:00:00Z', { today: '2027-01-01', month: '2026-12', transferDate: '2027-01-06' }],
  ])('at %s', (now, want) => expect(payoutDefaults(new Date(now))).toEqual(want))

  it('refuses a closed, past or too-near transfer date', () => {
    const now = new Date('2026-12-01T01:00:00Z') // 10:00 Tokyo, Tuesday
    expect(transferDateProblem('2026-12-05', now)).toMatchObject({ code: 'closed' })
    expect(transferDateProblem('2026-12-01', now)).toMatchObject({ code: 'past' })
    expect(transferDateProblem('2026-12-02', now)).toMatchObject({ code: 'too_soon', earliest: '2026-12-03' })
    expect(transferDateProblem('2026-12-03', now)).toBeNull()
  })
})
