/**
 * Numbers, money and dates as the reader's language writes them, always in Asia/Tokyo: yen as
 * ￥1,000 in Japanese and ¥1,000 in English (Intl's currency format of each locale), dates as
 * 2026年11月30日 in Japanese and 30 Nov 2026 in English. Server and browser format alike (fixed
 * locale and time zone), so a page hydrates without a mismatch.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function useFormat() {
  const { locale } = useI18n()
  const tag = computed(() => (locale.value === 'ja' ? 'ja-JP' : 'en-GB'))
  const yen = (amount: number) =>
    new Intl.NumberFormat(locale.value === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: 'JPY' }).format(
      amount,
    )
  const number = (n: number) => new Intl.NumberFormat(tag.value).format(n)
  const percent = (bps: number) => `${(bps / 100).toLocaleString(tag.value)}%`
  const date = (value: string | Date) =>
    new Intl.DateTimeFormat(tag.value, {
      dateStyle: locale.value === 'ja' ? 'long' : 'medium',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  const dateTime = (value: string | Date) =>
    new Intl.DateTimeFormat(tag.value, {
      dateStyle: locale.value === 'ja' ? 'long' : 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  /** A business month (YYYY-MM): 2026年11月 / Nov 2026 (fixed names, not the ICU's: Node and Chromium differ). */
  const month = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number]
    return locale.value === 'ja' ? `${y}年${mo}月` : `${MONTHS[mo - 1]} ${y}`
  }
  /** An axis figure: 12.3万円 / ¥123k. */
  const shortYen = (n: number) =>
    locale.value === 'ja'
      ? `${(Math.round(n / 1_000) / 10).toLocaleString('ja-JP')}万円`
      : `¥${Math.round(n / 1_000).toLocaleString('en-GB')}k`
  return { yen, number, percent, date, dateTime, month, shortYen }
}
