// The referral funnel's pure rules: who is a bot, and the counts and rates per code and month.
import { describe, expect, it } from 'vitest'
import { funnelRates, funnelReport, isBot } from '../../shared/domain/funnel'

describe('bots are not visitors', () => {
  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', true],
    ['facebookexternalhit/1.1', true],
    ['curl/8.5.0', true],
    ['python-requests/2.31', true],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0', true],
    ['', true],
    [null, true],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1', false],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36', false],
  ])('%s → %s', (ua, want) => expect(isBot(ua)).toBe(want))
})

describe('funnel counts and rates', () => {
  it.each([
    {
      c: { visits: 200, signups: 10, paying: 3, commission: 0 },
      want: { signupBps: 500, payingBps: 3_000, overallBps: 150 },
    },
    // a signup without a visit (the link was typed, or the code given by phone): no rate over zero
    {
      c: { visits: 0, signups: 1, paying: 1, commission: 0 },
      want: { signupBps: null, payingBps: 10_000, overallBps: null },
    },
    { c: { visits: 3, signups: 0, paying: 0, commission: 0 }, want: { signupBps: 0, payingBps: null, overallBps: 0 } },
  ])('$c', ({ c, want }) => expect(funnelRates(c)).toEqual(want))

  it('adds up per code, per month and in total, ignoring other codes and months', () => {
    const r = funnelReport(
      [
        { code: 'A', month: '2026-10', stage: 'visits', value: 40 },
        { code: 'A', month: '2026-11', stage: 'visits', value: 10 },
        { code: 'A', month: '2026-11', stage: 'signups', value: 1 },
        { code: 'B', month: '2026-11', stage: 'signups', value: 1 },
        { code: 'B', month: '2026-11', stage: 'paying', value: 1 },
        { code: 'B', month: '2026-11', stage: 'commission', value: 8_940 },
        { code: 'Z', month: '2026-11', stage: 'visits', value: 999 },
        { code: 'A', month: '2026-01', stage: 'visits', value: 999 },
      ],
      ['A', 'B'],
      ['2026-10', '2026-11'],
    )
    expect(r.total).toMatchObject({ visits: 50, signups: 2, paying: 1, commission: 8_940, signupBps: 400 })
    expect(r.byMonth.map((m) => m.visits)).toEqual([40, 10])
    expect(r.byCode[0]).toMatchObject({ code: 'A', visits: 50, signups: 1, paying: 0 })
    expect(r.byCode[1]).toMatchObject({
      code: 'B',
      visits: 0,
      signups: 1,
      paying: 1,
      signupBps: null,
      payingBps: 10_000,
    })
  })
})
