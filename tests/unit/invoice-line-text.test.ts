// An English reader sees each invoice line in English; the stored Japanese (what the qualified
// invoice prints) is unchanged. The cases come from the billing rules themselves, so a change to
// the Japanese they write without the English here fails.
import { describe, expect, it } from 'vitest'
import { draftInvoice, ownDiscountsForInvoice } from '../../shared/domain/billing'
import { invoiceLineText } from '../../shared/domain/invoice-line-text'

describe('invoice lines in the reader’s language', () => {
  const yearly = draftInvoice({
    planName: 'Omotenasu Professional',
    basePrice: 128_000,
    cycle: 'yearly',
    referralDiscountsBps: [500],
    credits: [{ description: '紹介特典クレジット（5% × 3か月分）', amount: 1_000 }],
  })
  it.each([
    ['Omotenasu Professional（12か月分）', 'Omotenasu Professional (12 months)'],
    ['年払い割引 10%', 'Yearly payment discount 10%'],
    ['紹介割引 5%', 'Referral discount 5%'],
    ['紹介特典クレジット（5% × 3か月分）', 'Referral benefit credit (5% × 3 months)'],
  ])('%s → %s', (ja, en) => {
    expect(yearly.lines.map((l) => l.description)).toContain(ja)
    expect(invoiceLineText(ja, 'en')).toBe(en)
    expect(invoiceLineText(ja, 'ja')).toBe(ja)
  })

  it('reads every line the rules write for each cycle, and the own-discount credits', () => {
    for (const cycle of ['monthly', 'yearly', 'biennial'] as const) {
      const draft = draftInvoice({
        planName: 'Leisure Standard',
        basePrice: 59_800,
        cycle,
        referralDiscountsBps: [500],
      })
      for (const line of draft.lines) expect(invoiceLineText(line.description, 'en')).not.toMatch(/[\u3040-\u9fff]/)
    }
    expect(invoiceLineText('2年払い割引 15%', 'en')).toBe('Two-year payment discount 15%')
    expect(invoiceLineText('Leisure Standard（1か月分）', 'en')).toBe('Leisure Standard (1 month)')
    const { credits } = ownDiscountsForInvoice(
      [{ id: 'd', discountBps: 500, monthsRemaining: 3 }],
      'yearly',
      59_800,
      2000,
    )
    expect(credits.map((c) => invoiceLineText(c.description, 'en'))).toEqual([
      'Referral benefit credit (5% × 3 months)',
    ])
  })

  it('shows a hand-typed description as stored', () => {
    expect(invoiceLineText('調整', 'en')).toBe('調整')
  })
})
