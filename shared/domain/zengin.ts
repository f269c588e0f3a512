// 全銀フォーマット (Zengin) bulk transfer file, 総合振込 (type 21): fixed-width 120-byte records —
// header (1), one data record (2) per transfer, trailer (8), end (9) — encoded as Shift_JIS by the
// caller (every character written here is one byte there). Pure: strings in, strings out.
//
// Names are written in the Zengin character set: half-width katakana (no small kana, no ｰ),
// A–Z, 0–9, space and \ , . ( ) - / ｢ ｣. Legal forms are abbreviated as banks do
// (株式会社 → ｶ: "ｶ)ﾅﾏｴ" in front, "ﾅﾏｴ(ｶ" behind, "(ｶ)" in the middle).

/** A Zengin name: only characters of the Zengin set. */
const ZENGIN_NAME = /^[ｦｱ-ﾝﾞﾟ0-9A-Z ().,\-/\\｢｣]*$/

const FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン'
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ'
// Small kana and obsolete kana are written with the large / modern letter.
const LARGE: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ッ: 'ツ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
  ヰ: 'イ',
  ヱ: 'エ',
}
const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ'
const VOICED_BASE = 'カキクケコサシスセソタチツテトハヒフヘホウ'
const SEMI = 'パピプペポ'
const SEMI_BASE = 'ハヒフヘホ'
const SYMBOLS: Record<string, string> = {
  ー: '-',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '～': '-',
  '〜': '-',
  '・': '.',
  '、': ',',
  '。': '.',
  '「': '｢',
  '」': '｣',
  '¥': '\\',
  '\u3099': 'ﾞ',
  '\u309A': 'ﾟ',
  '゛': 'ﾞ',
  '゜': 'ﾟ',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
}

/** Legal forms and their bank abbreviations (全銀協 略語), kanji and katakana spellings. */
const LEGAL_FORMS: [RegExp, string][] = [
  [/株式会社|\(株\)|カブシキガイシ[ヤャ]|カブシキカイシ[ヤャ]/, 'カ'],
  [/有限会社|\(有\)|ユウゲンガイシ[ヤャ]|ユウゲンカイシ[ヤャ]/, 'ユ'],
  [/合同会社|\(同\)|ゴウドウガイシ[ヤャ]|ゴウドウカイシ[ヤャ]/, 'ド'],
  [/合資会社|\(資\)|ゴウシガイシ[ヤャ]/, 'シ'],
  [/合名会社|\(名\)|ゴウメイガイシ[ヤャ]/, 'メ'],
  [/特定非営利活動法人/, 'トクヒ'],
  [/一般社団法人|公益社団法人|社団法人/, 'シヤ'],
  [/一般財団法人|公益財団法人|財団法人/, 'ザイ'],
  [/医療法人社団|医療法人財団|医療法人/, 'イ'],
  [/学校法人/, 'ガク'],
  [/社会福祉法人/, 'フク'],
]

function abbreviateLegalForm(name: string): string {
  for (const [pattern, abbr] of LEGAL_FORMS) {
    const m = pattern.exec(name)
    if (!m) continue
    const before = name.slice(0, m.index).trim()
    const after = name.slice(m.index + m[0].length).trim()
    if (!before) return `${abbr})${after}`
    if (!after) return `${before}(${abbr}`
    return `${before}(${abbr})${after}`
  }
  return name
}

/** Any name (full-width, hiragana, Latin, legal forms) written in the Zengin character set. */
export function toZenginName(input: string): string {
  const wide = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0x60)) // hiragana → katakana
  let out = ''
  for (const ch of abbreviateLegalForm(wide)) {
    const kata = LARGE[ch] ?? ch
    let i: number
    if ((i = VOICED.indexOf(kata)) >= 0) out += HALF[FULL.indexOf(VOICED_BASE[i]!)]! + 'ﾞ'
    else if ((i = SEMI.indexOf(kata)) >= 0) out += HALF[FULL.indexOf(SEMI_BASE[i]!)]! + 'ﾟ'
    else if ((i = FULL.indexOf(kata)) >= 0) out += HALF[i]!
    else if (SYMBOLS[kata] !== undefined) out += SYMBOLS[kata]
    else if (/\s/.test(kata)) out += ' '
    else out += kata
  }
  return out.replace(/ {2,}/g, ' ').trim()
}

/** Kept for callers of the earlier name: the same conversion. */
export const toZenginKana = toZenginName

export function isZenginName(value: string): boolean {
  return ZENGIN_NAME.test(value)
}

/** C field: converted, checked, cut to `width` and space-padded. */
function alpha(value: string, width: number, field: string): string {
  const name = toZenginName(value)
  if (!isZenginName(name)) throw new Error(`Zengin: ${field} "${value}" has characters outside the Zengin set`)
  return name.slice(0, width).padEnd(width, ' ')
}

/** N field: digits, zero-padded to `width`. */
function num(value: number | string, width: number): string {
  const s = String(value)
  if (!/^\d+$/.test(s) || s.length > width) throw new Error(`Zengin: "${s}" does not fit ${width} digits`)
  return s.padStart(width, '0')
}

/** A bank account as the transfer file names it (codes and kana names). */
export interface ZenginAccount {
  bankCode: string
  bankNameKana: string
  branchCode: string
  branchNameKana: string
  accountType: 'ordinary' | 'current'
  accountNumber: string
}

/** The paying company's account. */
export interface ZenginOriginator extends ZenginAccount {
  companyCode: string // 依頼人コード: 10 digits, issued by the bank
  companyNameKana: string
}

/** One payee's transfer. */
export interface ZenginTransfer extends ZenginAccount {
  holderKana: string
  amount: number
  /** 顧客コード1 (N10): our number for the payout, so the bank's result names it. */
  customerCode: number | string
}

const accountTypeCode = (t: ZenginAccount['accountType']) => (t === 'ordinary' ? '1' : '2')

/** The transfer file's records (without line ends), each exactly 120 characters. */
export function zenginRecords(
  originator: ZenginOriginator,
  transferDate: string,
  transfers: ZenginTransfer[],
): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(transferDate))
    throw new Error(`Zengin: transfer date "${transferDate}" is not YYYY-MM-DD`)
  const mmdd = transferDate.slice(5, 7) + transferDate.slice(8, 10)
  const header =
    '1' + // データ区分
    '21' + // 種別コード: 総合振込
    '0' + // コード区分: JIS
    num(originator.companyCode, 10) + // 依頼人コード
    alpha(originator.companyNameKana, 40, 'company name') + // 依頼人名
    mmdd + // 振込指定日
    num(originator.bankCode, 4) +
    alpha(originator.bankNameKana, 15, 'bank name') + // 仕向銀行
    num(originator.branchCode, 3) +
    alpha(originator.branchNameKana, 15, 'branch name') + // 仕向支店
    accountTypeCode(originator.accountType) +
    num(originator.accountNumber, 7) + // 預金種目, 口座番号
    ' '.repeat(17) // ダミー
  const data = transfers.map(
    (t) =>
      '2' + // データ区分
      num(t.bankCode, 4) +
      alpha(t.bankNameKana, 15, 'bank name') + // 被仕向銀行
      num(t.branchCode, 3) +
      alpha(t.branchNameKana, 15, 'branch name') + // 被仕向支店
      '0000' + // 手形交換所番号 (N4, unused)
      accountTypeCode(t.accountType) +
      num(t.accountNumber, 7) + // 預金種目, 口座番号
      alpha(t.holderKana, 30, 'account holder') + // 受取人名
      num(t.amount, 10) + // 振込金額
      '0' + // 新規コード
      num(t.customerCode, 10) + // 顧客コード1
      '0'.repeat(10) + // 顧客コード2 (N10, unused)
      '7' + // 振込指定区分: テレ振込
      ' ' + // 識別表示: customer codes, not EDI
      ' '.repeat(7),
  ) // ダミー
  const total = transfers.reduce((s, t) => s + t.amount, 0)
  const trailer = '8' + num(transfers.length, 6) + num(total, 12) + ' '.repeat(101)
  const end = '9' + ' '.repeat(119)
  return [header, ...data, trailer, end]
}
