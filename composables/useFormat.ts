export function useFormat() {
  const { locale } = useI18n()
  const yen = (amount: number) => new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(amount)
  const percent = (bps: number) => `${(bps / 100).toLocaleString(locale.value)}%`
  const date = (value: string | Date) =>
    new Intl.DateTimeFormat(locale.value === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'medium',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  const dateTime = (value: string | Date) =>
    new Intl.DateTimeFormat(locale.value === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  return { yen, percent, date, dateTime }
}
