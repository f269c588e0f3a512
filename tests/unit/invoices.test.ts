import { describe, expect, it } from 'vitest'
import {
  buyerName,
  creditNoteAmounts,
  creditNoteNumber,
  issueDate,
  receiptNumber,
  sellerProblem,
  taxByRate,
  totalsOf,
} from '../../shared/domain/invoices'
import { isValidInvoiceRegistrationNumber } from '../../shared/domain/referrals'

// The check digit, computed by hand from the 法人番号 rule (国税庁 法人番号の指定等に関する省令):
// P = the 12 base digits, n counted from the right; Q = 1 for odd n, 2 for even n;
// check = 9 − (Σ P×Q mod 9).
describe('registration number check digit (T + 13 digits)', () => {
  it.each([
    ['T7000012050002', true], // 国税庁 (the National Tax Agency): 12 base digits sum to 11 → 9 − 2 = 7
    ['T1000012050002', false], // same base, wrong check digit
    ['T7123456789012', true], // the demo seller: Σ = 74, 74 mod 9 = 2 → 7
    ['T8123456789012', false],
    ['T9000000000000', true], // Σ = 0 → 9 − 0 = 9
    ['T0000000000000', false], // the old placeholder: 0 is never a check digit
    ['T4010001008772', true], // Σ = 41, 41 mod 9 = 5 → 4
    ['T4010001007872', false], // the same with two digits swapped: Σ = 40 → 5, not 4
    ['7000012050002', false], // no T
    ['t7000012050002', false], // lower-case t
    ['T700001205000', false], // 12 digits
    ['T70000120500021', false], // 14 digits
    ['T７000012050002', false], // a full-width digit
    [' T7000012050002', false],
  ] as const)('%s → %s', (value, want) => expect(isValidInvoiceRegistrationNumber(value)).toBe(want))
})

describe('sellerProblem: no qualified invoice without a valid number and a name', () => {
  it.each([
    [{ name: 'OmotenasuAI株式会社', registrationNumber: 'T7123456789012' }, null],
    [{ name: 'OmotenasuAI株式会社', registrationNumber: '' }, 'registration_number_missing'],
    [{ name: 'OmotenasuAI株式会社', registrationNumber: undefined }, 'registration_number_missing'],
    [{ name: 'OmotenasuAI株式会社', registrationNumber: 'T0000000000000' }, 'registration_number_invalid'],
    [{ name: 'OmotenasuAI株式会社', registrationNumber: 'T123' }, 'registration_number_invalid'],
    [{ name: ' ', registrationNumber: 'T7123456789012' }, 'name_missing'],
  ] as const)('%o → %s', (config, want) => expect(sellerProblem(config)).toBe(want))
})

describe('taxByRate: subtotal per rate, tax computed once per rate and floored', () => {
  it.each([
    { lines: [{ amount: 29_800, taxRateBps: 1_000 }], want: [{ rateBps: 1_000, taxable: 29_800, tax: 2_980 }] },
    // Floor once on the sum, not per line: 3 × floor(1.9) = 3 would be wrong; floor(5.7) = 5.
    {
      lines: [
        { amount: 19, taxRateBps: 1_000 },
        { amount: 19, taxRateBps: 1_000 },
        { amount: 19, taxRateBps: 1_000 },
      ],
      want: [{ rateBps: 1_000, taxable: 57, tax: 5 }],
    },
    // Discounts are negative lines of the same rate.
    {
      lines: [
        { amount: 357_600, taxRateBps: 1_000 },
        { amount: -35_760, taxRateBps: 1_000 },
        { amount: -32_184, taxRateBps: 1_000 },
      ],
      want: [{ rateBps: 1_000, taxable: 289_656, tax: 28_965 }],
    },
    // Two rates (8% reduced rate, should one ever appear): one summary line each, 10% first.
    {
      lines: [
        { amount: 1_001, taxRateBps: 800 },
        { amount: 999, taxRateBps: 1_000 },
      ],
      want: [
        { rateBps: 1_000, taxable: 999, tax: 99 },
        { rateBps: 800, taxable: 1_001, tax: 80 },
      ],
    },
  ])('$lines.length line(s) → $want', ({ lines, want }) => expect(taxByRate(lines)).toEqual(want))

  it('totals add the rates up', () =>
    expect(
      totalsOf([
        { rateBps: 1_000, taxable: 999, tax: 99 },
        { rateBps: 800, taxable: 1_001, tax: 80 },
      ]),
    ).toEqual({ subtotal: 2_000, tax: 179, total: 2_179 }))
})

describe('creditNoteAmounts', () => {
  const invoice = [{ rateBps: 1_000, taxable: 29_801, tax: 2_980 }]
  it("a full refund returns the invoice's own amounts and tax", () =>
    expect(creditNoteAmounts(invoice, [])).toEqual(invoice))
  it('a part: tax floored on the part', () =>
    expect(creditNoteAmounts(invoice, [], [{ rateBps: 1_000, taxable: 10_005 }])).toEqual([
      { rateBps: 1_000, taxable: 10_005, tax: 1_000 },
    ]))
  it('what is left after an earlier credit note', () =>
    expect(creditNoteAmounts(invoice, [{ rateBps: 1_000, taxable: 10_005, tax: 1_000 }])).toEqual([
      { rateBps: 1_000, taxable: 19_796, tax: 1_979 },
    ]))
  it('never more than is left', () =>
    expect(() =>
      creditNoteAmounts(invoice, [{ rateBps: 1_000, taxable: 29_000, tax: 2_900 }], [{ rateBps: 1_000, taxable: 802 }]),
    ).toThrow(/credit_amount_over/))
  it('never a rate the invoice did not have', () =>
    expect(() => creditNoteAmounts(invoice, [], [{ rateBps: 800, taxable: 1 }])).toThrow(/credit_amount_over/))
  it('never a negative or fractional amount', () =>
    expect(() => creditNoteAmounts(invoice, [], [{ rateBps: 1_000, taxable: 1.5 }])).toThrow(/credit_amount_invalid/))
})

describe('issue date and numbering', () => {
  it.each([
    ['2026-11-30T14:59:59Z', '2026-11-30'],
    ['2026-11-30T15:00:00Z', '2026-12-01'], // 00:00 in Tokyo is already the next day
    ['2026-12-31T15:30:00Z', '2027-01-01'],
  ])('%s is issued on %s (Asia/Tokyo)', (at, want) => expect(issueDate(new Date(at))).toBe(want))

  it('document numbers follow their invoice number (unique per tenant)', () => {
    expect(receiptNumber('HOTEL-A-20261123')).toBe('R-HOTEL-A-20261123')
    expect(creditNoteNumber('HOTEL-A-20261123', 1)).toBe('CN-HOTEL-A-20261123-01')
    expect(creditNoteNumber('HOTEL-A-20261123', 12)).toBe('CN-HOTEL-A-20261123-12')
    const numbers = ['HOTEL-A-20261123', 'HOTEL-A-20261223'].flatMap((n) => [
      receiptNumber(n),
      creditNoteNumber(n, 1),
      creditNoteNumber(n, 2),
    ])
    expect(new Set(numbers).size).toBe(numbers.length)
  })

  it.each([
    [{ name: '京都ホテル' }, '京都ホテル'],
    [{ name: '京都ホテル', operatingCompany: '株式会社京都観光' }, '株式会社京都観光（京都ホテル）'],
    [{ name: '京都ホテル', operatingCompany: '京都ホテル' }, '京都ホテル'],
    [{ name: '京都ホテル', operatingCompany: '  ' }, '京都ホテル'],
  ])('buyer of %o is %s', (tenant, want) => expect(buyerName(tenant)).toBe(want))
})
