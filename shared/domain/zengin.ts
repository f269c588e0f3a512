// 全銀フォーマット (Zengin) bulk transfer file, 総合振込 (type 21): fixed-width 120-byte records —
// header (1), one data record (2) per transfer, trailer (8), end (9) — in half-width katakana,
// encoded as Shift_JIS by the caller. Pure: strings in, strings out.

const FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー'
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ'
const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ'
const VOICED_BASE = 'カキクケコサシスセソタチツテトハヒフヘホウ'
const SEMI = 'パピプペポ'
const SEMI_BASE = 'ハヒフヘホ'

/** Characters a Zengin name field accepts: half-width katakana, digits, A–Z, space and ().-/ */
const ALLOWED = /^[ｦ-ﾟ0-9A-Z ().\-/]*$/

/** Full-width katakana (and hiragana, latin, digits) to the half-width forms Zengin uses. */
export function toZenginKana(input: string): string {
  let out = ''
  for (const ch of input.normalize('NFKC').toUpperCase()) {
    const code = ch.codePointAt(0)!
    const kata = code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch // hiragana → katakana
    let i: number
    if ((i = VOICED.indexOf(kata)) >= 0) out += HALF[FULL.indexOf(VOICED_BASE[i]!)]! + 'ﾞ'
    else if ((i = SEMI.indexOf(kata)) >= 0) out += HALF[FULL.indexOf(SEMI_BASE[i]!)]! + 'ﾟ'
    else if ((i = FULL.indexOf(kata)) >= 0) out += HALF[i]!
    else if (kata === '　') out += ' '
    else if (kata === '・') out += '.'
    else out += kata
  }
  // Small kana are written large in bank names (ｯ → ﾂ etc. is bank practice).
  return out.replace(/[ｧｨｩｪｫｬｭｮｯ]/g, (c) => 'ｱｲｳｴｵﾔﾕﾖﾂ'['ｧｨｩｪｫｬｭｮｯ'.indexOf(c)]!)
}

export function isZenginName(value: string): boolean {
  return ALLOWED.test(value)
}

const alpha = (value: string, width: number) => toZenginKana(value).slice(0, width).padEnd(width, ' ')
const num = (value: number | string, width: number) => {
  const s = String(value)
  if (!/^\d+$/.test(s) || s.length > width) throw new Error(`Zengin: "${s}" does not fit ${width} digits`)
  return s.padStart(width, '0')
}

/** A bank account as the transfer file names it (codes and half-width kana names). */
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
  companyCode: string // 10 digits, issued by the bank
  companyNameKana: string
}

/** One payee's transfer. */
export interface ZenginTransfer extends ZenginAccount {
  holderKana: string
  amount: number
  customerCode?: string
}

const accountTypeCode = (t: ZenginAccount['accountType']) => (t === 'ordinary' ? '1' : '2')

/** The transfer file's records (without line ends), each exactly 120 characters. */
export function zenginRecords(originator: ZenginOriginator, transferDate: string, transfers: ZenginTransfer[]): string[] {
  const mmdd = transferDate.slice(5, 7) + transferDate.slice(8, 10)
  const header = '1' + '21' + '0' + num(originator.companyCode, 10) + alpha(originator.companyNameKana, 40) + mmdd
    + num(originator.bankCode, 4) + alpha(originator.bankNameKana, 15) + num(originator.branchCode, 3) + alpha(originator.branchNameKana, 15)
    + accountTypeCode(originator.accountType) + num(originator.accountNumber, 7) + ' '.repeat(17)
  const data = transfers.map((t) => '2' + num(t.bankCode, 4) + alpha(t.bankNameKana, 15) + num(t.branchCode, 3) + alpha(t.branchNameKana, 15)
    + ' '.repeat(4) + accountTypeCode(t.accountType) + num(t.accountNumber, 7) + alpha(t.holderKana, 30) + num(t.amount, 10)
    + '0' + (t.customerCode ?? '').slice(0, 10).padEnd(10, ' ') + ' '.repeat(10) + '7' + ' ' + ' '.repeat(7))
  const total = transfers.reduce((s, t) => s + t.amount, 0)
  const trailer = '8' + num(transfers.length, 6) + num(total, 12) + ' '.repeat(101)
  const end = '9' + ' '.repeat(119)
  return [header, ...data, trailer, end]
}
