// Formatting of the ROI pages: dates written out (2026年11月30日 / 30 November 2026, Asia/Tokyo) and
// basis points as a percent rounded to one decimal for charts.
export function useRoiFormat() {
  const { locale } = useI18n()
  const longDate = (value: string | Date) =>
    new Intl.DateTimeFormat(locale.value === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  const shortDate = (value: string) =>
    new Intl.DateTimeFormat(locale.value === 'ja' ? 'ja-JP' : 'en-GB', {
      month: 'short',
      day: 'numeric',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(value))
  const pct = (bps: number) => Math.round(bps / 10) / 10
  return { longDate, shortDate, pct }
}
