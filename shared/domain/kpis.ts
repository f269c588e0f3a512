// The executive dashboard's KPIs (DOMAIN.md "KPIs"): pure functions of subscription and invoice
// history for any month range. Money is integer yen, rates integer basis points, one floor at the
// end of each number. Months are 'YYYY-MM' (Asia/Tokyo).
import { addMonthsToMonth, attributableFees } from './referrals.ts'

export const SALES_CHANNELS = ['direct', 'agent', 'customer', 'pms_vendor'] as const
export type SalesChannel = (typeof SALES_CHANNELS)[number]
export const REFERRAL_CHANNELS: readonly SalesChannel[] = ['agent', 'customer', 'pms_vendor']

/** One billing period of a hotel: its recurring fee (plan net of discounts, before tax) and months. */
export interface BillingPeriod {
  tenantId: string
  startMonth: string
  months: number
  recurringYen: number
}
/** How the hotel was acquired, the month it was cancelled (if it is) and of its first payment. */
export interface HotelFacts {
  tenantId: string
  channel: SalesChannel
  cancelledMonth: string | null
  firstPaidMonth: string | null
}
/**
 * Revenue of a month: paid fees attributable to it (+), refunds in the month of the credit note (−);
 * of a hotel (its channel looked up) or already summed per channel.
 */
export type RevenueItem = { month: string; yen: number } & (
  { tenantId: string; channel?: undefined } | { channel: SalesChannel; tenantId?: undefined }
)
export interface SpendItem {
  channel: SalesChannel
  month: string
  yen: number
}
export interface MonthAmount {
  month: string
  yen: number
}
export interface NpsAnswer {
  month: string
  score: number
}

export interface KpiInput {
  from: string
  to: string
  /**
   * The current month: a hotel not cancelled and invoiced through last month keeps that fee in it
   * (this month's invoice may not be issued yet). Without it, MRR ends with the last invoiced month.
   */
  carryThrough?: string
  periods: BillingPeriod[]
  hotels: HotelFacts[]
  revenue: RevenueItem[]
  spend: SpendItem[]
  commissionsPaid: MonthAmount[]
  nps: NpsAnswer[]
}

export type ByChannel = Record<SalesChannel, number>
export interface MrrMovements {
  new: number
  expansion: number
  contraction: number
  churned: number
  reactivation: number
}
export interface NpsScore {
  responses: number
  promoters: number
  passives: number
  detractors: number
  score: number | null
}
export interface KpiMonth {
  month: string
  mrr: number
  arr: number
  startMrr: number
  /** new, expansion, reactivation ≥ 0; contraction, churned ≤ 0; their sum is mrr − startMrr. */
  movements: MrrMovements
  activeAtStart: number
  activeAtEnd: number
  newHotels: number
  churnedHotels: number
  logoChurnBps: number | null
  revenueChurnBps: number | null
  nrrBps: number | null
  arpa: number
  newPaying: number
  acquisitionSpend: number
  commissionsPaid: number
  cac: number | null
  ltv: number | null
  revenue: number
  revenueByChannel: ByChannel
  referralRevenueShareBps: number | null
  mrrByChannel: ByChannel
  hotelsByChannel: ByChannel
  /** New and reactivated MRR by the channel that brought the hotel: what drives growth. */
  newMrrByChannel: ByChannel
  nps: NpsScore
}
export interface Projection {
  assumptions: { baseMonth: string; baseMrr: number; trailingMonths: number; growthBps: number; churnBps: number }
  months: { month: string; mrr: number; revenue: number }[]
}
export interface KpiReport {
  from: string
  to: string
  months: KpiMonth[]
  summary: {
    cac: number | null
    ltv: number | null
    logoChurnBps: number | null
    newPaying: number
    acquisitionSpend: number
    commissionsPaid: number
    revenue: number
    referralRevenueShareBps: number | null
    nps: NpsScore
  }
  projection: Projection
}

export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m)
  return out
}
const zero = (): ByChannel => ({ direct: 0, agent: 0, customer: 0, pms_vendor: 0 })
const ratioBps = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null)

/** A period's monthly share: a yearly or biennial fee counts as amount / 12 or / 24. */
export const monthlyShare = (p: BillingPeriod) => Math.floor(p.recurringYen / p.months)

/**
 * MRR per hotel and month up to `through`: the share of the latest-starting period that covers the
 * month, nothing from the month the hotel was cancelled on; a hotel not cancelled keeps its last
 * fee in `carryThrough` (the current month) when invoiced through last month; further behind, it lapsed.
 */
export function mrrByHotel(periods: BillingPeriod[], hotels: HotelFacts[], through: string, carryThrough?: string) {
  const cancelled = new Map(hotels.map((h) => [h.tenantId, h.cancelledMonth]))
  const sorted = [...periods].sort((a, b) => (a.startMonth < b.startMonth ? -1 : 1))
  const result = new Map<string, Map<string, number>>()
  for (const p of sorted) {
    const mine = result.get(p.tenantId) ?? new Map<string, number>()
    result.set(p.tenantId, mine)
    const share = monthlyShare(p)
    const stop = cancelled.get(p.tenantId)
    for (let i = 0; i < p.months; i++) {
      const month = addMonthsToMonth(p.startMonth, i)
      if (month > through) break
      mine.set(month, stop && month >= stop ? 0 : share)
    }
  }
  // The current month's invoice comes on its first day (billing job): until it exists, a hotel
  // invoiced through last month and not cancelled keeps last month's fee. Further behind, it lapsed.
  if (carryThrough && carryThrough <= through)
    for (const [tenantId, mine] of result) {
      const lastMonth = addMonthsToMonth(carryThrough, -1)
      if (cancelled.get(tenantId) || mine.has(carryThrough) || !mine.has(lastMonth)) continue
      mine.set(carryThrough, mine.get(lastMonth)!)
    }
  return result
}

export function npsScore(scores: number[]): NpsScore {
  const promoters = scores.filter((s) => s >= 9).length
  const detractors = scores.filter((s) => s <= 6).length
  const responses = scores.length
  return {
    responses,
    promoters,
    detractors,
    passives: responses - promoters - detractors,
    score: responses ? Math.round(((promoters - detractors) * 100) / responses) : null,
  }
}

/**
 * MRR movements of one hotel from `prev` to `cur`: a hotel with no MRR last month is new the
 * first time and a reactivation after that; a drop to zero is churn.
 */
export function movementOf(prev: number, cur: number, activeBefore: boolean): Partial<MrrMovements> {
  if (prev === 0 && cur > 0) return activeBefore ? { reactivation: cur } : { new: cur }
  if (prev > 0 && cur === 0) return { churned: -prev }
  if (cur > prev) return { expansion: cur - prev }
  if (cur < prev) return { contraction: cur - prev }
  return {}
}

/**
 * What a month's hotels sum to before any ratio: MRR at its start and end, the movements, active,
 * new and churned hotels, MRR, hotels, new MRR and revenue per channel, new paying hotels. The
 * straightforward path (monthTotals) loops over hotels × months; the dashboard's fast path sums the
 * same per-hotel rows in SQL (server/services/kpis.ts, kpi_hotel_months). Both feed kpiReportOfTotals.
 */
export interface MonthTotals {
  month: string
  startMrr: number
  mrr: number
  movements: MrrMovements
  activeAtStart: number
  activeAtEnd: number
  newHotels: number
  churnedHotels: number
  mrrByChannel: ByChannel
  hotelsByChannel: ByChannel
  newMrrByChannel: ByChannel
  revenueByChannel: ByChannel
  newPaying: number
}

/** A month with nothing in it yet. */
export const emptyMonthTotals = (month: string): MonthTotals => ({
  month,
  startMrr: 0,
  mrr: 0,
  movements: { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
  activeAtStart: 0,
  activeAtEnd: 0,
  newHotels: 0,
  churnedHotels: 0,
  mrrByChannel: zero(),
  hotelsByChannel: zero(),
  newMrrByChannel: zero(),
  revenueByChannel: zero(),
  newPaying: 0,
})

/** The per-month totals of the range, from every hotel's periods, facts and revenue. */
export function monthTotals(input: KpiInput): MonthTotals[] {
  const { from, to } = input
  const months = monthsBetween(from, to)
  const mrr = mrrByHotel(input.periods, input.hotels, to, input.carryThrough)
  const channel = new Map(input.hotels.map((h) => [h.tenantId, h.channel]))
  const channelOf = (tenantId: string): SalesChannel => channel.get(tenantId) ?? 'direct'
  const firstActive = new Map<string, string>()
  for (const [tenantId, byMonth] of mrr) {
    const active = [...byMonth].filter(([, v]) => v > 0).map(([m]) => m)
    if (active.length) firstActive.set(tenantId, active.sort()[0]!)
  }
  const revenueOf = new Map<string, RevenueItem[]>()
  for (const r of input.revenue) {
    const list = revenueOf.get(r.month)
    if (list) list.push(r)
    else revenueOf.set(r.month, [r])
  }

  return months.map((month) => {
    const prevMonth = addMonthsToMonth(month, -1)
    const t = emptyMonthTotals(month)
    const { movements } = t
    for (const [tenantId, byMonth] of mrr) {
      const prev = byMonth.get(prevMonth) ?? 0
      const cur = byMonth.get(month) ?? 0
      if (prev === 0 && cur === 0) continue
      const ch = channelOf(tenantId)
      t.startMrr += prev
      t.mrr += cur
      if (prev > 0) t.activeAtStart++
      if (cur > 0) {
        t.activeAtEnd++
        t.hotelsByChannel[ch]++
        t.mrrByChannel[ch] += cur
      }
      // movementOf's rule, inline: this loop runs hotels × months times.
      if (prev === 0) {
        const first = firstActive.get(tenantId)
        if (first !== undefined && first < month) movements.reactivation += cur
        else {
          movements.new += cur
          t.newHotels++
        }
        t.newMrrByChannel[ch] += cur
      } else if (cur === 0) {
        movements.churned -= prev
        t.churnedHotels++
      } else if (cur > prev) movements.expansion += cur - prev
      else if (cur < prev) movements.contraction += cur - prev
    }
    for (const r of revenueOf.get(month) ?? []) t.revenueByChannel[r.channel ?? channelOf(r.tenantId!)] += r.yen
    t.newPaying = input.hotels.filter((h) => h.firstPaidMonth === month).length
    return t
  })
}

export function kpiReport(input: KpiInput): KpiReport {
  return kpiReportOfTotals(input, monthTotals(input))
}

/** The report from each month's totals (one per month of the range, in order) and HQ's own figures. */
export function kpiReportOfTotals(
  input: Pick<KpiInput, 'from' | 'to' | 'spend' | 'commissionsPaid' | 'nps'>,
  totals: MonthTotals[],
): KpiReport {
  const { from, to } = input
  const sumBy = <T extends { month: string }>(items: T[], value: (i: T) => number) => {
    const out = new Map<string, number>()
    for (const i of items) out.set(i.month, (out.get(i.month) ?? 0) + value(i))
    return out
  }
  const spend = sumBy(input.spend, (s) => s.yen)
  const commissions = sumBy(input.commissionsPaid, (c) => c.yen)

  const rows: KpiMonth[] = totals.map((t) => {
    const { month, movements, startMrr, activeAtStart, activeAtEnd, newPaying, revenueByChannel } = t
    const total = t.mrr
    const revenue = Object.values(revenueByChannel).reduce((a, b) => a + b, 0)
    const referralRevenue = REFERRAL_CHANNELS.reduce((n, c) => n + revenueByChannel[c], 0)
    const acquisitionSpend = spend.get(month) ?? 0
    const commissionsPaid = commissions.get(month) ?? 0
    const logoChurnBps = ratioBps(t.churnedHotels, activeAtStart)
    const arpa = activeAtEnd ? Math.floor(total / activeAtEnd) : 0
    return {
      month,
      mrr: total,
      arr: total * 12,
      startMrr,
      movements,
      activeAtStart,
      activeAtEnd,
      newHotels: t.newHotels,
      churnedHotels: t.churnedHotels,
      logoChurnBps,
      revenueChurnBps: ratioBps(-(movements.churned + movements.contraction), startMrr),
      nrrBps: ratioBps(startMrr + movements.expansion + movements.contraction + movements.churned, startMrr),
      arpa,
      newPaying,
      acquisitionSpend,
      commissionsPaid,
      cac: newPaying ? Math.floor((acquisitionSpend + commissionsPaid) / newPaying) : null,
      ltv: logoChurnBps ? Math.floor((arpa * 10_000) / logoChurnBps) : null,
      revenue,
      revenueByChannel,
      referralRevenueShareBps: revenue > 0 ? ratioBps(referralRevenue, revenue) : null,
      mrrByChannel: t.mrrByChannel,
      hotelsByChannel: t.hotelsByChannel,
      newMrrByChannel: t.newMrrByChannel,
      nps: npsScore(input.nps.filter((a) => a.month === month).map((a) => a.score)),
    }
  })

  const sum = (f: (r: KpiMonth) => number) => rows.reduce((n, r) => n + f(r), 0)
  const newPaying = sum((r) => r.newPaying)
  const acquisitionSpend = sum((r) => r.acquisitionSpend)
  const commissionsPaid = sum((r) => r.commissionsPaid)
  const revenue = sum((r) => r.revenue)
  const referralRevenue = sum((r) => REFERRAL_CHANNELS.reduce((n, c) => n + r.revenueByChannel[c], 0))
  const logoChurnBps = ratioBps(
    sum((r) => r.churnedHotels),
    sum((r) => r.activeAtStart),
  )
  const last = rows[rows.length - 1]
  return {
    from,
    to,
    months: rows,
    summary: {
      cac: newPaying ? Math.floor((acquisitionSpend + commissionsPaid) / newPaying) : null,
      // Lifetime value: ARPA at the end of the range over the range's pooled monthly logo churn.
      ltv: logoChurnBps && last ? Math.floor((last.arpa * 10_000) / logoChurnBps) : null,
      logoChurnBps,
      newPaying,
      acquisitionSpend,
      commissionsPaid,
      revenue,
      referralRevenueShareBps: revenue > 0 ? ratioBps(referralRevenue, revenue) : null,
      nps: npsScore(input.nps.filter((a) => a.month >= from && a.month <= to).map((a) => a.score)),
    },
    projection: projectRevenue(rows),
  }
}

/**
 * Twelve months of MRR from the last month's, compounding the trailing (up to 3 months) growth
 * (new + expansion + reactivation) and churn (churned + contraction) rates over starting MRR.
 */
export function projectRevenue(rows: KpiMonth[], trailing = 3): Projection {
  const window = rows.slice(-trailing)
  const last = rows[rows.length - 1]
  const base = window.reduce((n, r) => n + r.startMrr, 0)
  const growth = window.reduce((n, r) => n + r.movements.new + r.movements.expansion + r.movements.reactivation, 0)
  const churn = window.reduce((n, r) => n - r.movements.churned - r.movements.contraction, 0)
  const growthBps = base > 0 ? Math.floor((growth * 10_000) / base) : 0
  const churnBps = base > 0 ? Math.floor((churn * 10_000) / base) : 0
  const baseMrr = last?.mrr ?? 0
  const baseMonth = last?.month ?? ''
  const factor = 1 + (growthBps - churnBps) / 10_000
  return {
    assumptions: { baseMonth, baseMrr, trailingMonths: window.length, growthBps, churnBps },
    months: Array.from({ length: baseMonth ? 12 : 0 }, (_, i) => {
      const mrr = Math.max(0, Math.floor(baseMrr * factor ** (i + 1)))
      return { month: addMonthsToMonth(baseMonth, i + 1), mrr, revenue: mrr }
    }),
  }
}

/**
 * Revenue items from paid (or later refunded) invoices, spread over the months they cover like
 * commissions are (whole yen, remainder on the last month), and credit notes, negative in the month
 * they were issued.
 */
export function revenueItems(
  invoices: { tenantId: string; startMonth: string; months: number; subtotal: number }[],
  creditNotes: { tenantId: string; month: string; subtotal: number }[],
): RevenueItem[] {
  return [
    ...invoices.flatMap((i) =>
      attributableFees(i.subtotal, `${i.startMonth}-01`, i.months).map((f) => ({
        tenantId: i.tenantId,
        month: f.month,
        yen: f.amount,
      })),
    ),
    ...creditNotes.map((c) => ({ tenantId: c.tenantId, month: c.month, yen: -c.subtotal })),
  ]
}

/** Months of a 'YYYY-MM'..'YYYY-MM' range, refused past 36 months or reversed. */
export function validMonthRange(from: string, to: string): boolean {
  return from <= to && monthsBetween(from, to).length <= 36
}

/** RFC 4180 CSV with a UTF-8 BOM (Excel opens Japanese correctly); CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
