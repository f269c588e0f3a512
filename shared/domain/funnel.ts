// The referral funnel (issue 13): visits → signups → paying hotels → commission earned, per code,
// per referrer and per channel. Pure: the counting rules and the rates, no database.

/** Crawlers, link previews, monitors and scripted clients: never a visitor. */
const BOT_USER_AGENT = new RegExp(
  [
    'bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|whatsapp|telegram|discord|line-poker',
    'headless|phantom|lighthouse|pingdom|uptime|monitor',
    'curl/|wget|python-requests|python-urllib|httpclient|okhttp|go-http-client|axios|node-fetch|undici|java/',
  ].join('|'),
  'i',
)

export function isBot(userAgent: string | undefined | null): boolean {
  return !userAgent || userAgent.trim().length < 8 || BOT_USER_AGENT.test(userAgent)
}

export interface FunnelCounts {
  visits: number
  signups: number
  paying: number
  commission: number
}
export interface FunnelRates {
  /** signups / visits, paying / signups, paying / visits: basis points, null without a denominator */
  signupBps: number | null
  payingBps: number | null
  overallBps: number | null
}

const bps = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null)

export function funnelRates(c: FunnelCounts): FunnelRates {
  return {
    signupBps: bps(c.signups, c.visits),
    payingBps: bps(c.paying, c.signups),
    overallBps: bps(c.paying, c.visits),
  }
}

export const emptyFunnel = (): FunnelCounts => ({ visits: 0, signups: 0, paying: 0, commission: 0 })

export function addFunnel(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  return {
    visits: a.visits + b.visits,
    signups: a.signups + b.signups,
    paying: a.paying + b.paying,
    commission: a.commission + b.commission,
  }
}

/** One row of a funnel source: a count of one stage, for one code and month. */
export interface FunnelEvent {
  code: string
  month: string
  stage: keyof FunnelCounts
  value: number
}

/** Totals per code, per month and overall, each with its rates: one pass over the events. */
export function funnelReport(events: FunnelEvent[], codes: string[], months: string[]) {
  const total = emptyFunnel()
  const byMonth = new Map(months.map((m) => [m, emptyFunnel()]))
  const byCode = new Map(codes.map((c) => [c, { total: emptyFunnel(), byMonth: new Map<string, FunnelCounts>() }]))
  for (const e of events) {
    const month = byMonth.get(e.month)
    const code = byCode.get(e.code)
    if (!month || !code) continue
    total[e.stage] += e.value
    month[e.stage] += e.value
    code.total[e.stage] += e.value
    const cm = code.byMonth.get(e.month) ?? emptyFunnel()
    cm[e.stage] += e.value
    code.byMonth.set(e.month, cm)
  }
  const withRates = (c: FunnelCounts) => ({ ...c, ...funnelRates(c) })
  return {
    total: withRates(total),
    byMonth: months.map((m) => ({ month: m, ...withRates(byMonth.get(m)!) })),
    byCode: codes.map((c) => {
      const code = byCode.get(c)!
      return {
        code: c,
        ...withRates(code.total),
        byMonth: months.map((m) => ({ month: m, ...withRates(code.byMonth.get(m) ?? emptyFunnel()) })),
      }
    }),
  }
}
