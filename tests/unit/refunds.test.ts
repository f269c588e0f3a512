// Risk reversal rules: the guarantee's last day (Tokyo), the amount of a full refund, auto-approval.
import { describe, expect, it } from 'vitest'
import {
  autoApproves,
  fullRefundAmount,
  guaranteeEndsOn,
  refundEligibility,
  refundSteps,
  spreadCompensation,
  writtenDate,
} from '../../shared/domain/refunds'

describe('guaranteeEndsOn: the contract start is day 1', () => {
  it.each([
    { start: '2026-11-01', days: 30, want: '2026-11-30' },
    { start: '2026-11-15', days: 30, want: '2026-12-14' },
    { start: '2026-12-15', days: 60, want: '2027-02-12' },
    { start: '2026-02-01', days: 90, want: '2026-05-01' },
    { start: '2028-02-01', days: 30, want: '2028-03-01' }, // leap year: Feb has 29 days
  ])('$start + $days days → $want', ({ start, days, want }) => expect(guaranteeEndsOn(start, days)).toBe(want))
})

describe('refundEligibility: Tokyo days, both sides of the boundaries', () => {
  // 30 days from 2026-11-01: the last day inside is 2026-11-30 (Tokyo), 2026-12-01 is outside.
  it.each([
    { now: '2026-10-31T14:59:59Z', ok: false, left: 31, why: 'the evening before the start (Tokyo 23:59:59)' },
    { now: '2026-10-31T15:00:00Z', ok: true, left: 30, why: 'the start, Tokyo midnight' },
    { now: '2026-11-30T00:00:00Z', ok: true, left: 1, why: 'the last day, 09:00 Tokyo' },
    { now: '2026-11-30T14:59:59Z', ok: true, left: 1, why: 'the last day, 23:59:59 Tokyo' },
    { now: '2026-11-30T15:00:00Z', ok: false, left: 0, why: 'the first day outside, Tokyo midnight' },
    { now: '2026-12-01T03:00:00Z', ok: false, left: 0, why: 'the first day outside, midday' },
    { now: '2027-06-01T03:00:00Z', ok: false, left: 0, why: 'long after' },
  ])('$why → $ok', ({ now, ok, left }) => {
    const e = refundEligibility('2026-11-01', 30, new Date(now))
    expect(e).toEqual({ eligible: ok, endsOn: '2026-11-30', daysLeft: left })
  })
  it.each([
    { days: 60, now: '2026-12-30T14:59:59Z', ok: true }, // day 60 of a PROFESSIONAL plan
    { days: 60, now: '2026-12-30T15:00:00Z', ok: false }, // day 61 (Tokyo 12-31 00:00)
    { days: 90, now: '2027-01-29T14:59:59Z', ok: true },
    { days: 90, now: '2027-01-29T15:00:00Z', ok: false },
  ])('$days days at $now → $ok', ({ days, now, ok }) =>
    expect(refundEligibility('2026-11-01', days, new Date(now)).eligible).toBe(ok),
  )
})

describe('fullRefundAmount: everything paid and not yet returned, tax included', () => {
  it.each([
    { payments: [], want: 0 },
    { payments: [{ paid: 32_780, returned: 0 }], want: 32_780 }, // ECONOMY, one month
    {
      payments: [
        { paid: 32_780, returned: 0 },
        { paid: 32_780, returned: 0 },
      ],
      want: 65_560,
    },
    { payments: [{ paid: 140_800, returned: 0 }], want: 140_800 }, // PROFESSIONAL
    { payments: [{ paid: 140_800, returned: 11_000 }], want: 129_800 }, // after a compensation
    { payments: [{ paid: 32_780, returned: 32_780 }], want: 0 },
  ])('$payments → ¥$want', ({ payments, want }) => expect(fullRefundAmount(payments)).toBe(want))
})

describe('autoApproves: a first full refund inside the period of at most ¥100,000', () => {
  const base = { type: 'full_refund' as const, eligible: true, amountYen: 32_780, earlierRefunds: 0 }
  it.each([
    { input: base, want: true },
    { input: { ...base, amountYen: 100_000 }, want: true }, // at the limit
    { input: { ...base, amountYen: 100_001 }, want: false }, // one yen over
    { input: { ...base, amountYen: 140_800 }, want: false }, // PROFESSIONAL month
    { input: { ...base, earlierRefunds: 1 }, want: false },
    { input: { ...base, eligible: false }, want: false },
    { input: { ...base, type: 'roi_compensation' as const }, want: false },
    { input: { ...base, amountYen: 0 }, want: false }, // nothing paid: HQ looks
    { input: { ...base, amountYen: 150_000, limitYen: 200_000 }, want: true }, // HQ raised the limit
  ])('$input → $want', ({ input, want }) => expect(autoApproves(input)).toBe(want))
})

describe('spreadCompensation: newest invoice first, never more than each has left', () => {
  it.each([
    { amount: 10_000, inv: [{ id: 'b', taxableLeft: 29_800 }], want: [{ id: 'b', taxable: 10_000 }] },
    {
      amount: 40_000,
      inv: [
        { id: 'b', taxableLeft: 29_800 },
        { id: 'a', taxableLeft: 29_800 },
      ],
      want: [
        { id: 'b', taxable: 29_800 },
        { id: 'a', taxable: 10_200 },
      ],
    },
    {
      amount: 5,
      inv: [
        { id: 'x', taxableLeft: 0 },
        { id: 'y', taxableLeft: 9 },
      ],
      want: [{ id: 'y', taxable: 5 }],
    },
  ])('¥$amount', ({ amount, inv, want }) => expect(spreadCompensation(amount, inv)).toEqual(want))
  it('refuses more than was paid', () =>
    expect(() => spreadCompensation(30_000, [{ id: 'a', taxableLeft: 29_800 }])).toThrow())
})

describe('writtenDate', () => {
  it.each([
    { d: '2026-11-30', lang: 'ja' as const, want: '2026年11月30日' },
    { d: '2026-01-05', lang: 'ja' as const, want: '2026年1月5日' },
    { d: '2026-11-30', lang: 'en' as const, want: '30 November 2026' },
  ])('$d $lang → $want', ({ d, lang, want }) => expect(writtenDate(d, lang)).toBe(want))
})

describe('refundSteps', () => {
  const at = new Date('2026-11-10T01:00:00Z')
  const row = {
    createdAt: at,
    autoApproved: false,
    decidedAt: null,
    status: 'pending',
    rejectionReason: null,
    refundedAt: null,
    creditNoteNumbers: [],
    cancelsOn: null,
  }
  it('queued, then approved, refunded, credit note, cancellation', () => {
    expect(refundSteps(row).map((s) => s.step)).toEqual(['requested', 'queued'])
    const done = { ...row, status: 'refunded', decidedAt: at, refundedAt: at, creditNoteNumbers: ['CN-1'] }
    expect(refundSteps({ ...done, cancelsOn: new Date('2026-12-01') }).map((s) => s.step)).toEqual([
      'requested',
      'queued',
      'approved',
      'refunded',
      'credit_note_issued',
      'cancellation_scheduled',
    ])
  })
  it('auto-approved; rejected with its reason', () => {
    expect(refundSteps({ ...row, autoApproved: true, decidedAt: at }).map((s) => s.step)).toEqual([
      'requested',
      'auto_approved',
    ])
    // The clock read before the insert is earlier than the row's own time: the steps never go back.
    const early = new Date(at.getTime() - 180)
    const auto = refundSteps({ ...row, autoApproved: true, status: 'approved', decidedAt: early })
    expect(auto.map((s) => s.at)).toEqual([at.toISOString(), at.toISOString()])
    const rejected = refundSteps({ ...row, status: 'rejected', decidedAt: at, rejectionReason: 'no' })
    expect(rejected.at(-1)).toEqual({ step: 'rejected', at: at.toISOString(), detail: 'no' })
  })
})
