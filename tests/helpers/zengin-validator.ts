// An independent check of a 総合振込 (全銀協 standard, type 21) file, byte by byte, written from the
// published field table — not from our writer. Records are 120 bytes of JIS X 0201 (Shift_JIS
// single bytes), separated by CRLF. N: digits 0x30–0x39, right-aligned, zero-padded. C: the Zengin
// character set, left-aligned, space-padded.

type Kind = 'N' | 'C'
interface Field {
  name: string
  kind: Kind
  length: number
  fixed?: string | string[]
}

/** The layout, in order; each record's lengths add up to 120. */
export const LAYOUT: Record<'1' | '2' | '8' | '9', Field[]> = {
  '1': [
    { name: 'データ区分', kind: 'N', length: 1, fixed: '1' },
    { name: '種別コード', kind: 'N', length: 2, fixed: '21' },
    { name: 'コード区分', kind: 'N', length: 1, fixed: ['0', '1'] },
    { name: '依頼人コード', kind: 'N', length: 10 },
    { name: '依頼人名', kind: 'C', length: 40 },
    { name: '振込指定日', kind: 'N', length: 4 },
    { name: '仕向銀行番号', kind: 'N', length: 4 },
    { name: '仕向銀行名', kind: 'C', length: 15 },
    { name: '仕向支店番号', kind: 'N', length: 3 },
    { name: '仕向支店名', kind: 'C', length: 15 },
    { name: '預金種目(依頼人)', kind: 'N', length: 1, fixed: ['1', '2', '9'] },
    { name: '口座番号(依頼人)', kind: 'N', length: 7 },
    { name: 'ダミー', kind: 'C', length: 17, fixed: ' '.repeat(17) },
  ],
  '2': [
    { name: 'データ区分', kind: 'N', length: 1, fixed: '2' },
    { name: '被仕向銀行番号', kind: 'N', length: 4 },
    { name: '被仕向銀行名', kind: 'C', length: 15 },
    { name: '被仕向支店番号', kind: 'N', length: 3 },
    { name: '被仕向支店名', kind: 'C', length: 15 },
    { name: '手形交換所番号', kind: 'N', length: 4 },
    { name: '預金種目', kind: 'N', length: 1, fixed: ['1', '2', '4', '9'] },
    { name: '口座番号', kind: 'N', length: 7 },
    { name: '受取人名', kind: 'C', length: 30 },
    { name: '振込金額', kind: 'N', length: 10 },
    { name: '新規コード', kind: 'N', length: 1, fixed: ['0', '1', '2'] },
    { name: '顧客コード1', kind: 'N', length: 10 },
    { name: '顧客コード2', kind: 'N', length: 10 },
    { name: '振込指定区分', kind: 'N', length: 1, fixed: ['7', '8'] },
    { name: '識別表示', kind: 'C', length: 1, fixed: [' ', 'Y'] },
    { name: 'ダミー', kind: 'C', length: 7, fixed: ' '.repeat(7) },
  ],
  '8': [
    { name: 'データ区分', kind: 'N', length: 1, fixed: '8' },
    { name: '合計件数', kind: 'N', length: 6 },
    { name: '合計金額', kind: 'N', length: 12 },
    { name: 'ダミー', kind: 'C', length: 101, fixed: ' '.repeat(101) },
  ],
  '9': [
    { name: 'データ区分', kind: 'N', length: 1, fixed: '9' },
    { name: 'ダミー', kind: 'C', length: 119, fixed: ' '.repeat(119) },
  ],
}

// The Zengin character set as JIS X 0201 bytes.
const C_BYTES = new Set<number>([
  0x20, // space
  ...range(0x30, 0x39), // 0-9
  ...range(0x41, 0x5a), // A-Z
  0x28,
  0x29,
  0x2c,
  0x2d,
  0x2e,
  0x2f,
  0x5c, // ( ) , - . / ¥(\)
  0xa2,
  0xa3, // ｢ ｣
  0xa6, // ｦ
  ...range(0xb1, 0xdd), // ｱ … ﾝ (0xa7–0xaf small kana and 0xb0 ｰ are not in the set)
  0xde,
  0xdf, // ﾞ ﾟ
])
// Kana that take a voiced mark ﾞ (ｶ–ﾄ, ﾊ–ﾎ, ｳ) and the semi-voiced mark ﾟ (ﾊ–ﾎ).
const TAKES_DAKUTEN = new Set<number>([...range(0xb6, 0xc4), ...range(0xca, 0xce), 0xb3])
const TAKES_HANDAKUTEN = new Set<number>(range(0xca, 0xce))

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

export interface ZenginFileSummary {
  header: Record<string, string>
  data: Record<string, string>[]
  trailer: Record<string, string>
}

/** Problems found in `file` (empty when it is a valid 総合振込 file), and its fields. */
export function validateZenginFile(file: Buffer): { errors: string[]; parsed: ZenginFileSummary } {
  const errors: string[] = []
  const parsed: ZenginFileSummary = { header: {}, data: [], trailer: {} }
  for (const [kind, fields] of Object.entries(LAYOUT)) {
    const sum = fields.reduce((s, f) => s + f.length, 0)
    if (sum !== 120) errors.push(`layout ${kind}: fields add up to ${sum}`)
  }
  let body = file
  if (body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === 0x0a)
    body = body.subarray(0, body.length - 2)
  const records: Buffer[] = []
  let start = 0
  for (let i = 0; i + 1 < body.length; i++) {
    if (body[i] === 0x0d && body[i + 1] === 0x0a) {
      records.push(body.subarray(start, i))
      start = i + 2
      i++
    }
  }
  records.push(body.subarray(start))

  const kinds = records.map((r) => String.fromCharCode(r[0] ?? 0)).join('')
  if (!/^12*89$/.test(kinds)) errors.push(`record order ${kinds}: want 1, 2…, 8, 9`)

  records.forEach((record, index) => {
    const at = `record ${index + 1}`
    if (record.length !== 120) {
      errors.push(`${at}: ${record.length} bytes, want 120`)
      return
    }
    const layout = LAYOUT[String.fromCharCode(record[0]!) as keyof typeof LAYOUT]
    if (!layout) {
      errors.push(`${at}: unknown データ区分 ${record[0]}`)
      return
    }
    const values: Record<string, string> = {}
    let offset = 0
    for (const field of layout) {
      const bytes = record.subarray(offset, offset + field.length)
      const where = `${at} ${field.name} (bytes ${offset + 1}–${offset + field.length})`
      if (field.kind === 'N') {
        if (![...bytes].every((b) => b >= 0x30 && b <= 0x39))
          errors.push(`${where}: N field not all digits: ${JSON.stringify(bytes.toString('latin1'))}`)
      } else {
        bytes.forEach((b, i) => {
          if (!C_BYTES.has(b)) errors.push(`${where}: byte 0x${b.toString(16)} at ${i + 1} is outside the Zengin set`)
          if (b === 0xde && !TAKES_DAKUTEN.has(bytes[i - 1] ?? 0))
            errors.push(`${where}: ﾞ after a letter that takes none`)
          if (b === 0xdf && !TAKES_HANDAKUTEN.has(bytes[i - 1] ?? 0))
            errors.push(`${where}: ﾟ after a letter that takes none`)
        })
        // Left-aligned: no leading space in a name that has content.
        if (bytes[0] === 0x20 && bytes.some((b) => b !== 0x20) && !field.fixed)
          errors.push(`${where}: not left-aligned`)
      }
      const value = bytes.toString('latin1')
      if (field.fixed !== undefined && ![field.fixed].flat().includes(value))
        errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(field.fixed)}`)
      values[field.name] = value
      offset += field.length
    }
    if (layout === LAYOUT['1']) {
      parsed.header = values
      const mm = Number(values['振込指定日']!.slice(0, 2))
      const dd = Number(values['振込指定日']!.slice(2))
      if (mm < 1 || mm > 12 || dd < 1 || dd > 31) errors.push(`${at}: 振込指定日 ${values['振込指定日']} is not MMDD`)
    } else if (layout === LAYOUT['2']) {
      parsed.data.push(values)
      if (/^0+$/.test(values['振込金額']!)) errors.push(`${at}: 振込金額 is zero`)
      if (!/[^ ]/.test(values['受取人名']!)) errors.push(`${at}: 受取人名 is empty`)
    } else if (layout === LAYOUT['8']) parsed.trailer = values
  })

  if (parsed.trailer['合計件数'] !== undefined) {
    const count = Number(parsed.trailer['合計件数'])
    const total = Number(parsed.trailer['合計金額'])
    const sum = parsed.data.reduce((s, d) => s + Number(d['振込金額']), 0)
    if (count !== parsed.data.length) errors.push(`trailer: 合計件数 ${count}, data records ${parsed.data.length}`)
    if (total !== sum) errors.push(`trailer: 合計金額 ${total}, data records add up to ${sum}`)
  }
  return { errors, parsed }
}
