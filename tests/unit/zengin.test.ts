import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { isZenginName, toZenginKana, zenginRecords } from '../../shared/domain/zengin'

const ORIGINATOR = { companyCode: '1234567890', companyNameKana: 'オモテナシエーアイ(カ', bankCode: '0001', bankNameKana: 'ミズホ', branchCode: '001', branchNameKana: 'トウキヨウ', accountType: 'ordinary' as const, accountNumber: '1234567' }

describe('half-width kana for Zengin names', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'], ['がんばる', 'ｶﾞﾝﾊﾞﾙ'], ['パートナーズ', 'ﾊﾟｰﾄﾅｰｽﾞ'], ['ｶ)ｵﾓﾃﾅｼ', 'ｶ)ｵﾓﾃﾅｼ'], ['キョウト', 'ｷﾖｳﾄ'], ['ＡＢＣ１２３', 'ABC123'],
  ])('%s → %s', (input, want) => expect(toZenginKana(input)).toBe(want))

  it('accepts only what a bank accepts', () => {
    expect(isZenginName('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(true)
    expect(isZenginName('山田')).toBe(false)
  })
})

describe('zenginRecords', () => {
  const transfers = [
    { bankCode: '0005', bankNameKana: 'ミツビシユーエフジェイ', branchCode: '123', branchNameKana: 'シンジュク', accountType: 'ordinary' as const, accountNumber: '7654321', holderKana: 'カンサイホスピタリテイパートナーズ', amount: 42_241, customerCode: 'AGT0001' },
    { bankCode: '0009', bankNameKana: 'ミツイスミトモ', branchCode: '456', branchNameKana: 'ウメダ', accountType: 'current' as const, accountNumber: '1111111', holderKana: 'トウキヨウセールスワークス', amount: 5_500 },
  ]
  const records = zenginRecords(ORIGINATOR, '2026-12-10', transfers)

  it('writes header, one data record per transfer, trailer and end, each 120 characters and 120 Shift_JIS bytes', () => {
    expect(records.map((r) => r[0])).toEqual(['1', '2', '2', '8', '9'])
    for (const r of records) {
      expect(r).toHaveLength(120)
      expect(iconv.encode(r, 'Shift_JIS')).toHaveLength(120)
    }
  })

  it('puts each field in its columns', () => {
    const [header, first, , trailer] = records
    expect(header!.slice(1, 3)).toBe('21')
    expect(header!.slice(4, 14)).toBe('1234567890')
    expect(header!.slice(54, 58)).toBe('1210')
    expect(first!.slice(1, 5)).toBe('0005')
    expect(first!.slice(20, 23)).toBe('123')
    expect(first!.slice(42, 43)).toBe('1')
    expect(first!.slice(43, 50)).toBe('7654321')
    expect(first!.slice(50, 80)).toBe('ｶﾝｻｲﾎｽﾋﾟﾀﾘﾃｲﾊﾟｰﾄﾅｰｽﾞ'.padEnd(30, ' '))
    expect(first!.slice(80, 90)).toBe('0000042241')
    expect(trailer!.slice(1, 7)).toBe('000002')
    expect(trailer!.slice(7, 19)).toBe('000000047741')
  })

  it('refuses an amount or account number that does not fit', () => {
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...transfers[0]!, accountNumber: '12345678' }])).toThrow(/7 digits/)
    expect(() => zenginRecords(ORIGINATOR, '2026-12-10', [{ ...transfers[0]!, amount: 1.5 }])).toThrow()
  })
})
