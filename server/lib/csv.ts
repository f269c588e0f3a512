// CSV for accountants (RFC 4180): CRLF line ends, every field quoted when it holds a comma, a
// quote, CR or LF (quotes doubled), and a UTF-8 byte order mark first so Excel in Japan reads the
// file as UTF-8 instead of Shift_JIS. A leading =, +, - or @ is prefixed with ' so a spreadsheet
// never runs a hotel name as a formula (CSV injection).
import type { Lang } from './errors.ts'

export interface CsvColumn<T> {
  ja: string
  en: string
  value: (row: T, lang: Lang) => string | number | null | undefined
}

const BOM = '\uFEFF'

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file: BOM, the header row in `lang`, one record per row, each line ending in CRLF. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[], lang: Lang): string {
  const lines = [columns.map((c) => csvField(c[lang])).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row, lang))).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}

/** A code as words for the file's reader (`active` → 有効 in a Japanese file); unknown codes stay. */
export function csvLabel(labels: Record<string, { ja: string; en: string }>, code: string, lang: Lang): string {
  return labels[code]?.[lang] ?? code
}
