// The pure helpers of the paged lists and the CSV writer's field rules.
import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from '../../server/lib/csv'
import { lastPage, sortOf, tokyoDayEnd, tokyoDayStart } from '../../shared/domain/lists'

describe('list helpers', () => {
  it.each([
    { sort: '-issuedAt', want: { field: 'issuedAt', dir: 'desc' } },
    { sort: 'name', want: { field: 'name', dir: 'asc' } },
  ])('sort $sort', ({ sort, want }) => expect(sortOf(sort)).toEqual(want))

  it('a Tokyo day runs from 15:00 UTC the day before to 15:00 UTC', () => {
    expect(tokyoDayStart('2026-11-30').toISOString()).toBe('2026-11-29T15:00:00.000Z')
    expect(tokyoDayEnd('2026-11-30').toISOString()).toBe('2026-11-30T15:00:00.000Z')
    expect(tokyoDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z')
  })

  it.each([
    { total: 0, size: 25, want: 1 },
    { total: 25, size: 25, want: 1 },
    { total: 26, size: 25, want: 2 },
  ])('$total rows by $size → last page $want', ({ total, size, want }) => expect(lastPage(total, size)).toBe(want))
})

describe('CSV fields', () => {
  it.each([
    { value: 'plain', want: 'plain' },
    { value: 'a,b', want: '"a,b"' },
    { value: 'say "hi"', want: '"say ""hi"""' },
    { value: 'two\nlines', want: '"two\nlines"' },
    { value: '=SUM(A1)', want: "'=SUM(A1)" },
    { value: '-1 guest', want: "'-1 guest" },
    { value: -1200, want: '-1200' }, // numbers are numbers, not formulas
    { value: null, want: '' },
  ])('$value → $want', ({ value, want }) => expect(csvField(value)).toBe(want))

  it('writes a BOM, the header in the language asked, and CRLF after every record', () => {
    const columns = [{ ja: '金額', en: 'Amount', value: (r: { n: number }) => r.n }]
    expect(toCsv(columns, [{ n: 1 }], 'ja')).toBe('\uFEFF金額\r\n1\r\n')
    expect(toCsv(columns, [], 'en')).toBe('\uFEFFAmount\r\n')
  })
})
