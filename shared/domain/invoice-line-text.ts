// An invoice line's description in the reader's language. The stored description is the Japanese
// one the billing rules wrote (shared/domain/billing.ts) and stays what the qualified invoice
// (適格請求書) prints; an English reader gets the same line in English, read back from the patterns
// those rules write. A description that matches none (typed by hand) is shown as stored.

type Rewrite = [RegExp, (m: RegExpMatchArray) => string]

const months = (n: string) => `${n} ${n === '1' ? 'month' : 'months'}`

const ENGLISH: Rewrite[] = [
  [/^紹介特典クレジット（([\d.]+)% × (\d+)か月分）$/, (m) => `Referral benefit credit (${m[1]}% × ${months(m[2]!)})`],
  [/^年払い割引 ([\d.]+)%$/, (m) => `Yearly payment discount ${m[1]}%`],
  [/^2年払い割引 ([\d.]+)%$/, (m) => `Two-year payment discount ${m[1]}%`],
  [/^紹介割引 ([\d.]+)%$/, (m) => `Referral discount ${m[1]}%`],
  [/^(.+)（(\d+)か月分）$/, (m) => `${m[1]} (${months(m[2]!)})`],
]

export function invoiceLineText(description: string, locale: string): string {
  if (locale === 'ja') return description
  for (const [pattern, english] of ENGLISH) {
    const m = description.match(pattern)
    if (m) return english(m)
  }
  return description
}
