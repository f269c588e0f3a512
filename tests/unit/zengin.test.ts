import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { isZenginName, toZenginName, zenginRecords, type ZenginTransfer } from '../../shared/domain/zengin'
import { validateZenginFile } from '../helpers/zengin-validator'

const ORIGINATOR = {
  companyCode: '1234567890',
  companyNameKana: 'オモテナシエーアイ株式会社',
  bankCode: '0001',
  bankNameKana: 'ミズホ',
  branchCode: '001',
  branchNameKana: 'トウキヨウ',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
}
const file = (records: string[]) => iconv.encode(records.join('\r\n') + '\r\n', 'Shift_JIS')

describe('names in the Zengin character set', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['がんばる', 'ｶﾞﾝﾊﾞﾙ'], // hiragana, 濁点
    ['パートナーズ', 'ﾊﾟ-ﾄﾅ-ｽﾞ'], // the long-vowel mark is not in the set: -
    ['ﾊﾟｰﾄﾅｰｽﾞ', 'ﾊﾟ-ﾄﾅ-ｽﾞ'], // half-width ｰ too
    ['キョウト', 'ｷﾖｳﾄ'], // small kana written large
    ['ヴィラ・ヂュウ', 'ｳﾞｲﾗ.ﾁﾞﾕｳ'],
    ['ＡＢＣ１２３', 'ABC123'], // full-width to half-width
    ['omotenasu ai', 'OMOTENASU AI'], // Latin lower-case
    ['株式会社オモテナシ', 'ｶ)ｵﾓﾃﾅｼ'], // 前株
    ['オモテナシ株式会社', 'ｵﾓﾃﾅｼ(ｶ'], // 後株
    ['オモテナシ株式会社　キョウト支店'.replace('支店', 'シテン'), 'ｵﾓﾃﾅｼ(ｶ)ｷﾖｳﾄｼﾃﾝ'],
    ['カブシキガイシャ　サクラ', 'ｶ)ｻｸﾗ'],
    ['㈱サクラ', 'ｶ)ｻｸﾗ'],
    ['（有）ヤマダショウテン', 'ﾕ)ﾔﾏﾀﾞｼﾖｳﾃﾝ'],
    ['ヤマダ有限会社', 'ﾔﾏﾀﾞ(ﾕ'],
    ['合同会社ミライ', 'ﾄﾞ)ﾐﾗｲ'],
    ['一般社団法人ﾎﾃﾙｷﾖｳｶｲ', 'ｼﾔ)ﾎﾃﾙｷﾖｳｶｲ'],
    ['「サクラ」￥', '｢ｻｸﾗ｣\\'],
    ['A  B', 'A B'],
  ])('%s → %s', (input, want) => {
    expect(toZenginName(input)).toBe(want)
    expect(isZenginName(toZenginName(input))).toBe(true)
  })

  it('refuses what cannot be written in kana', () => {
    expect(isZenginName('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(true)
    expect(isZenginName(toZenginName('山田'))).toBe(false)
    expect(isZenginName('ｰ')).toBe(false)
    expect(isZenginName('ｯ')).toBe(false)
    expect(isZenginName('abc')).toBe(false)
  })
})

const AWKWARD: ZenginTransfer[] = [
  {
    bankCode: '0005',
    bankNameKana: 'ミツビシユーエフジェイ',
    branchCode: '123',
    branchNameKana: 'シンジュク',
    accountType: 'ordinary',
    accountNumber: '7654321',
    holderKana: 'カンサイホスピタリティパートナーズ株式会社キョウトエイギョウショ',
    amount: 42_241,
    customerCode: 1,
  },
  {
    bankCode: '0009',
    bankNameKana: 'ミツイスミトモ',
    branchCode: '456',
    branchNameKana: 'ウメダ',
    accountType: 'current',
    accountNumber: '1111111',
    holderKana: 'ｔｏｋｙｏ ｓａｌｅｓ ｗｏｒｋｓ',
    amount: 5_500,
    customerCode: 9_999_999_999,
  },
  {
    bankCode: '0001',
    bankNameKana: 'ミズホ',
    branchCode: '001',
    branchNameKana: 'トウキョウエイギョウブ',
    accountType: 'ordinary',
    accountNumber: '0000001',
    holderKana: '有限会社　ガーデン・ビュー',
    amount: 1,
    customerCode: 42,
  },
  {
    bankCode: '0001',
    bankNameKana: 'ミズホ',
    branchCode: '001',
    branchNameKana: 'トウキョウ',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderKana: 'ぱぴぷぺぽ　ばびぶべぼ　ゔぁ',
    amount: 9_999_999_999,
    customerCode: 7,
  },
]

describe('zenginRecords', () => {
  const records = zenginRecords(ORIGINATOR, '2026-12-10', AWKWARD)

  it('passes the independent byte-level check on awkward names', () => {
    const { errors, parsed } = validateZenginFile(file(records))
    expect(errors).toEqual([])
    expect(parsed.data).toHaveLength(4)
  })

  it(`writes header, one data record per transfer, trailer and end, each 120 characters and 120 Shift_JIS \
bytes`, () => {
    expect(records.map((r) => r[0])).toEqual(['1', '2', '2', '2', '2', '8', '9'])
    for (const r of records) {
      expect(r).toHaveLength(120)
      expect(iconv.encode(r, 'Shift_JIS')).toHaveLength(120)
    }
  })

  it('puts each field in its columns', () => {
    const [header, first, second] = records
    const trailer = records.at(-2)!
    expect(header!.slice(1, 3)).toBe('21')
    expect(header!.slice(4, 14)).toBe('1234567890')
    expect(header!.slice(14, 54)).toBe('ｵﾓﾃﾅｼｴ-ｱｲ(ｶ'.padEnd(40, ' '))
    expect(header!.slice(54, 58)).toBe('1210')
    expect(first!.slice(1, 5)).toBe('0005')
    expect(first!.slice(20, 23)).toBe('123')
    expect(first!.slice(38, 42)).toBe('0000')
    expect(first!.slice(42, 43)).toBe('1')
    expect(first!.slice(43, 50)).toBe('7654321')
    expect(first!.slice(50, 80)).toBe('ｶﾝｻｲﾎｽﾋﾟﾀﾘﾃｲﾊﾟ-ﾄﾅ-ｽﾞ(ｶ)ｷﾖｳﾄｴｲｷ') // cut at 30 characters
    expect(first!.slice(80, 90)).toBe('0000042241')
    expect(first!.slice(91, 101)).toBe('0000000001')
    expect(second!.slice(50, 80)).toBe('TOKYO SALES WORKS'.padEnd(30, ' '))
    expect(second!.slice(91, 101)).toBe('9999999999')
    expect(trailer.slice(1, 7)).toBe('000004')
    expect(trailer.slice(7, 19)).toBe(String(42_241 + 5_500 + 1 + 9_999_999_999).padStart(12, '0'))
  })

  it('refuses an amount, account number or customer code that does not fit, and a name it cannot write', () => {
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...AWKWARD[0]!, accountNumber: '12345678' }])).toThrow(
      /7 digits/,
    )
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...AWKWARD[0]!, amount: 1.5 }])).toThrow()
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...AWKWARD[0]!, customerCode: 'ab12' }])).toThrow(
      /10 digits/,
    )
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...AWKWARD[0]!, holderKana: '山田太郎' }])).toThrow(
      /Zengin set/,
    )
  })
})

describe('the validator itself', () => {
  const good = zenginRecords(ORIGINATOR, '2026-12-10', AWKWARD.slice(0, 1))
  const broken = (i: number, at: number, text: string) => {
    const rs = [...good]
    rs[i] = rs[i]!.slice(0, at) + text + rs[i]!.slice(at + text.length)
    return validateZenginFile(file(rs)).errors
  }
  it.each([
    ['a hex customer code', 1, 91, '01a9f3c2e4'],
    ['the long-vowel mark in a name', 1, 50, 'ｰ'],
    ['a small kana', 1, 50, 'ｯ'],
    ['lower-case Latin', 1, 50, 'a'],
    ['a space in an N field', 1, 80, ' '],
    ['a voiced mark after a letter that takes none', 1, 50, 'ｱﾞ'],
  ])('catches %s', (_label, i, at, text) => expect(broken(i as number, at as number, text as string)).not.toEqual([]))

  it('catches a short record and a trailer that does not add up', () => {
    expect(validateZenginFile(file([good[0]!.slice(0, 119), ...good.slice(1)])).errors.join()).toMatch(/119 bytes/)
    const rs = [...good]
    rs[2] = '8000002' + rs[2]!.slice(7)
    expect(validateZenginFile(file(rs)).errors.join()).toMatch(/合計件数/)
  })
})
