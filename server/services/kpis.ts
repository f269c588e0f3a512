// The executive dashboard (issue 13): gathers subscription and invoice history set-based — one
// query per source, never one per hotel — and hands it to the pure rules of shared/domain/kpis.ts.
// HQ's targets and acquisition spend are edited here, audited in the same transaction.
// Two paths to the same figures (issue 14): the dashboard sums the rollup kpi_hotel_months per month
// and channel in SQL (kpiReportFast); gatherKpiInput + kpiReport read every period and loop over
// hotels × months — the straightforward computation the fast path is tested and benchmarked against.
import { privilegedDb } from '../db/index.ts'
import { Invalid, msg } from '../lib/errors.ts'
import {
  emptyMonthTotals,
  kpiReport,
  kpiReportOfTotals,
  monthsBetween,
  SALES_CHANNELS,
  toCsv,
  validMonthRange,
  type KpiInput,
  type KpiReport,
  type MonthTotals,
  type SalesChannel,
} from '../../shared/domain/kpis.ts'
import { addMonthsToMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import type { AcquisitionSpendInput, KpiTargetInput } from '../../shared/schemas/kpis.ts'
import { channelFunnel } from './funnel.ts'
import { recordAudit, type Actor } from './audit.ts'

export type { Actor } from './audit.ts'

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`)

function checkRange(from: string, to: string) {
  if (!validMonthRange(from, to))
    throw Invalid(
      msg(
        'kpi_month_range',
        '期間は開始月から終了月まで、36か月以内で指定してください。',
        'Give a range from an earlier to a later month, at most 36 months.',
      ),
    )
}

/** The pure rules' input for `from`..`to`: six set-based queries over the whole platform. */
export async function gatherKpiInput(from: string, to: string, now = new Date()): Promise<KpiInput> {
  const db = privilegedDb()
  const end = monthStart(addMonthsToMonth(to, 1))
  const start = monthStart(from)
  // The revenue of a month can come from a biennial invoice that started 23 months earlier.
  const revenueFrom = monthStart(addMonthsToMonth(from, -23))
  const [periods, hotels, revenue, figures] = await Promise.all([
    // Consecutive periods of the same length and fee collapse into one span (gaps and islands):
    // ~1–3 rows per hotel instead of one per invoice, the same MRR month by month.
    db.$queryRaw<{ tenant_id: string; start_month: string; months: bigint; recurring: bigint }[]>`
      WITH p AS (
        SELECT i.tenant_id, i.period_start, i.months,
               COALESCE(SUM(l.amount) FILTER (WHERE l.kind IN ('plan', 'cycle_discount', 'referral_discount')), 0)
                 AS recurring
        FROM invoices i LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id
        WHERE i.status <> 'void' AND i.period_start < ${end}
        GROUP BY i.tenant_id, i.id
      ), g AS (
        SELECT *, (extract(year FROM period_start) * 12 + extract(month FROM period_start))::int
                  - months * ROW_NUMBER() OVER (PARTITION BY tenant_id, months, recurring ORDER BY period_start)::int
                  AS island
        FROM p
      )
      SELECT tenant_id, to_char(min(period_start), 'YYYY-MM') AS start_month, months * COUNT(*) AS months,
             recurring * COUNT(*) AS recurring
      FROM g GROUP BY tenant_id, months, recurring, island`,
    db.$queryRaw<{ id: string; channel: string | null; cancelled_month: string | null; first_paid: string | null }[]>`
      WITH channel AS (
        SELECT DISTINCT ON (referred_tenant_id) referred_tenant_id, referrer_type::text AS channel
        FROM referrals WHERE referred_tenant_id IS NOT NULL
        ORDER BY referred_tenant_id, (status = 'converted') DESC, created_at
      ), first_paid AS (
        SELECT tenant_id, min(paid_at) AS paid_at FROM payments GROUP BY tenant_id
      )
      SELECT t.id, c.channel,
             to_char(t.cancelled_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS cancelled_month,
             to_char(f.paid_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS first_paid
      FROM tenants t LEFT JOIN channel c ON c.referred_tenant_id = t.id LEFT JOIN first_paid f ON f.tenant_id = t.id`,
    // Revenue per channel and month, spread in SQL like the commissions job (whole yen, the
    // remainder on the last month; refunds in their credit note's month): a few rows, not one per invoice.
    db.$queryRaw<{ channel: string | null; month: string; yen: bigint }[]>`
      WITH channel AS (
        SELECT DISTINCT ON (referred_tenant_id) referred_tenant_id, referrer_type::text AS channel
        FROM referrals WHERE referred_tenant_id IS NOT NULL
        ORDER BY referred_tenant_id, (status = 'converted') DESC, created_at
      ), spread AS (
        SELECT i.tenant_id, (date_trunc('month', i.period_start) + make_interval(months => gs.n))::date AS month,
               CASE WHEN gs.n = i.months - 1 THEN i.subtotal - (i.subtotal / i.months) * (i.months - 1)
                    ELSE i.subtotal / i.months END AS yen
        FROM invoices i CROSS JOIN LATERAL generate_series(0, i.months - 1) AS gs(n)
        WHERE i.status IN ('paid', 'refunded') AND i.period_start >= ${revenueFrom} AND i.period_start < ${end}
        UNION ALL
        SELECT tenant_id, issue_date, -subtotal FROM credit_notes WHERE issue_date >= ${start} AND issue_date < ${end}
      )
      SELECT c.channel, to_char(s.month, 'YYYY-MM') AS month, SUM(s.yen) AS yen
      FROM spread s LEFT JOIN channel c ON c.referred_tenant_id = s.tenant_id
      WHERE s.month >= ${start} AND s.month < ${end}
      GROUP BY 1, 2`,
    hqFigures(from, to),
  ])
  return {
    from,
    to,
    carryThrough: periodKey(now, 'month'),
    periods: periods.map((p) => ({
      tenantId: p.tenant_id,
      startMonth: p.start_month,
      months: Number(p.months),
      recurringYen: Number(p.recurring),
    })),
    hotels: hotels.map((h) => ({
      tenantId: h.id,
      channel: channelOf(h.channel),
      cancelledMonth: h.cancelled_month,
      firstPaidMonth: h.first_paid,
    })),
    revenue: revenue.map((r) => ({ channel: channelOf(r.channel), month: r.month, yen: Number(r.yen) })),
    ...figures,
  }
}

const channelOf = (c: string | null): SalesChannel =>
  c && (SALES_CHANNELS as readonly string[]).includes(c) ? (c as SalesChannel) : 'direct'

/** What HQ enters or pays outside billing: acquisition spend, commissions paid, NPS answers. */
async function hqFigures(from: string, to: string): Promise<Pick<KpiInput, 'spend' | 'commissionsPaid' | 'nps'>> {
  const db = privilegedDb()
  const start = monthStart(from)
  const end = monthStart(addMonthsToMonth(to, 1))
  const revenueFrom = monthStart(addMonthsToMonth(from, -23))
  const [spend, commissions, nps] = await Promise.all([
    db.$queryRaw<{ channel: string; month: string; amount: number }[]>`
      SELECT channel, to_char(month, 'YYYY-MM') AS month, amount FROM acquisition_spend
      WHERE month >= ${start} AND month < ${end}`,
    db.$queryRaw<{ month: string; amount: bigint }[]>`
      SELECT to_char(paid_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, SUM(amount) AS amount
      FROM referral_payments WHERE status = 'paid' AND paid_at >= ${revenueFrom} GROUP BY 1`,
    db.$queryRaw<{ month: string; score: number }[]>`
      SELECT to_char(answered_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, score FROM nps_surveys
      WHERE answered_at IS NOT NULL AND score IS NOT NULL`,
  ])
  return {
    spend: spend.map((s) => ({ channel: channelOf(s.channel), month: s.month, yen: s.amount })),
    commissionsPaid: commissions.map((c) => ({ month: c.month, yen: Number(c.amount) })),
    nps: nps.map((n) => ({ month: n.month, score: n.score })),
  }
}

type TotalsRow = {
  month: string
  channel: string
  start_mrr: bigint
  mrr: bigint
  mrr_active: bigint
  active_at_start: bigint
  active_at_end: bigint
  new_mrr: bigint
  new_hotels: bigint
  reactivation: bigint
  churned: bigint
  churned_hotels: bigint
  expansion: bigint
  contraction: bigint
  revenue: bigint
  new_paying: bigint
}

/** Deltas in kpi_month_totals beyond which a read folds them first (one row per month and channel). */
const COMPACT_AT = 2_000

/**
 * Each month's totals from the rollup. The current month (`carryThrough`) is the one thing stored
 * rows cannot hold, since it depends on today: a hotel not cancelled, invoiced through last month and
 * not yet this month keeps last month's fee this month (and leaves next month from it), as mrrByHotel
 * does. So the stored totals (kpi_month_totals, a few rows per month) are corrected for the hotels
 * that rule carries. `scan: 'all'` sums every month from the hotel rows instead (kpi_hotel_months,
 * ~1 row per hotel and month: the slower path the stored totals replace).
 */
export async function kpiTotalsFromRollup(
  from: string,
  to: string,
  carryThrough?: string,
  scan: 'carry' | 'all' = 'carry',
): Promise<MonthTotals[]> {
  const db = privilegedDb()
  const start = monthStart(from)
  const end = monthStart(addMonthsToMonth(to, 1))
  const carry = carryThrough && carryThrough <= to ? monthStart(carryThrough) : null
  const afterCarry = carryThrough ? monthStart(addMonthsToMonth(carryThrough, 1)) : null
  // Every month summed from the hotel rows, the current month's rule applied on the way.
  const fromHotelRows = () => db.$queryRaw<TotalsRow[]>`
    WITH carried AS (
      SELECT tenant_id, prev_mrr AS yen FROM kpi_hotel_months
      WHERE month = ${carry}::date AND mrr IS NULL AND prev_mrr IS NOT NULL AND NOT cancelled
    ), x AS (
      SELECT k.month, k.channel, COALESCE(c0.yen, k.mrr, 0) AS cur, COALESCE(c1.yen, k.prev_mrr, 0) AS prev,
             k.earlier_active, k.revenue, k.first_paid
      FROM kpi_hotel_months k
      LEFT JOIN carried c0 ON k.month = ${carry}::date AND c0.tenant_id = k.tenant_id
      LEFT JOIN carried c1 ON k.month = ${afterCarry}::date AND c1.tenant_id = k.tenant_id
      WHERE k.month >= ${start} AND k.month < ${end}
      UNION ALL
      SELECT ${afterCarry}::date, k.channel, 0, c.yen, true, 0, false
      FROM carried c JOIN kpi_hotel_months k ON k.tenant_id = c.tenant_id AND k.month = ${carry}::date
      WHERE ${afterCarry}::date >= ${start} AND ${afterCarry}::date < ${end}
        AND NOT EXISTS (SELECT 1 FROM kpi_hotel_months n
                        WHERE n.tenant_id = c.tenant_id AND n.month = ${afterCarry}::date)
    )
    SELECT to_char(month, 'YYYY-MM') AS month, channel,
           SUM(prev) AS start_mrr, SUM(cur) AS mrr, COALESCE(SUM(cur) FILTER (WHERE cur > 0), 0) AS mrr_active,
           COUNT(*) FILTER (WHERE prev > 0) AS active_at_start, COUNT(*) FILTER (WHERE cur > 0) AS active_at_end,
           COALESCE(SUM(cur) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active), 0) AS new_mrr,
           COUNT(*) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active) AS new_hotels,
           COALESCE(SUM(cur) FILTER (WHERE prev = 0 AND cur <> 0 AND earlier_active), 0) AS reactivation,
           COALESCE(SUM(prev) FILTER (WHERE prev <> 0 AND cur = 0), 0) AS churned,
           COUNT(*) FILTER (WHERE prev <> 0 AND cur = 0) AS churned_hotels,
           COALESCE(SUM(cur - prev) FILTER (WHERE prev <> 0 AND cur > prev), 0) AS expansion,
           COALESCE(SUM(cur - prev) FILTER (WHERE prev <> 0 AND cur <> 0 AND cur < prev), 0) AS contraction,
           SUM(revenue)::bigint AS revenue, COUNT(*) FILTER (WHERE first_paid) AS new_paying
    FROM x GROUP BY 1, 2`
  // The stored totals of every month (folded first when the deltas pile up)…
  const fromMonthTotals = async () => {
    const [count] = await db.$queryRaw<{ deltas: bigint }[]>`SELECT count(*) AS deltas FROM kpi_month_totals`
    if (Number(count?.deltas ?? 0) > COMPACT_AT) await db.$executeRaw`SELECT kpi_compact_month_totals()`
    return db.$queryRaw<TotalsRow[]>`
      SELECT to_char(month, 'YYYY-MM') AS month, channel,
             SUM(start_mrr)::bigint AS start_mrr, SUM(mrr)::bigint AS mrr, SUM(mrr_active)::bigint AS mrr_active,
             SUM(active_at_start)::bigint AS active_at_start, SUM(active_at_end)::bigint AS active_at_end,
             SUM(new_mrr)::bigint AS new_mrr, SUM(new_hotels)::bigint AS new_hotels,
             SUM(reactivation)::bigint AS reactivation, SUM(churned)::bigint AS churned,
             SUM(churned_hotels)::bigint AS churned_hotels, SUM(expansion)::bigint AS expansion,
             SUM(contraction)::bigint AS contraction, SUM(revenue)::bigint AS revenue,
             SUM(new_paying)::bigint AS new_paying
      FROM kpi_month_totals
      WHERE month >= ${start} AND month < ${end}
      GROUP BY 1, 2`
  }
  // …corrected for the hotels carried through the current month: their stored row there counts as
  // a drop to zero (it becomes last month's fee kept), and next month starts from that fee. Each
  // hotel's stored contribution is taken off (−1) and the carried one added (+1), with the rules of
  // kpi_month_totals_apply. Only carried hotels are read (none once the month's invoices exist).
  const carryCorrections = () => db.$queryRaw<TotalsRow[]>`
    WITH carried AS (
      SELECT tenant_id, channel, prev_mrr AS p, earlier_active FROM kpi_hotel_months
      WHERE month = ${carry}::date AND mrr IS NULL AND prev_mrr IS NOT NULL AND NOT cancelled
    ), nxt AS (
      SELECT k.tenant_id, k.channel, COALESCE(k.mrr, 0) AS cur, COALESCE(k.prev_mrr, 0) AS prev, k.earlier_active
      FROM kpi_hotel_months k JOIN carried c ON c.tenant_id = k.tenant_id
      WHERE k.month = ${afterCarry}::date
    ), signed AS (
      SELECT ${carry}::date AS month, channel, 1 AS s, p AS prev, p AS cur, earlier_active FROM carried
      UNION ALL
      SELECT ${carry}::date, channel, -1, p, 0, earlier_active FROM carried
      UNION ALL
      SELECT ${afterCarry}::date, c.channel, 1, c.p, COALESCE(n.cur, 0), COALESCE(n.earlier_active, true)
      FROM carried c LEFT JOIN nxt n ON n.tenant_id = c.tenant_id
      UNION ALL
      SELECT ${afterCarry}::date, channel, -1, prev, cur, earlier_active FROM nxt
    )
    SELECT to_char(month, 'YYYY-MM') AS month, channel,
           COALESCE(SUM(s * prev), 0)::bigint AS start_mrr, COALESCE(SUM(s * cur), 0)::bigint AS mrr,
           COALESCE(SUM(s * cur) FILTER (WHERE cur > 0), 0)::bigint AS mrr_active,
           COALESCE(SUM(s) FILTER (WHERE prev > 0), 0)::bigint AS active_at_start,
           COALESCE(SUM(s) FILTER (WHERE cur > 0), 0)::bigint AS active_at_end,
           COALESCE(SUM(s * cur) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active), 0)::bigint AS new_mrr,
           COALESCE(SUM(s) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active), 0)::bigint AS new_hotels,
           COALESCE(SUM(s * cur) FILTER (WHERE prev = 0 AND cur <> 0 AND earlier_active), 0)::bigint AS reactivation,
           COALESCE(SUM(s * prev) FILTER (WHERE prev <> 0 AND cur = 0), 0)::bigint AS churned,
           COALESCE(SUM(s) FILTER (WHERE prev <> 0 AND cur = 0), 0)::bigint AS churned_hotels,
           COALESCE(SUM(s * (cur - prev)) FILTER (WHERE prev <> 0 AND cur > prev), 0)::bigint AS expansion,
           COALESCE(SUM(s * (cur - prev)) FILTER (WHERE prev <> 0 AND cur <> 0 AND cur < prev), 0)::bigint
             AS contraction,
           0::bigint AS revenue, 0::bigint AS new_paying
    FROM signed WHERE month >= ${start} AND month < ${end}
    GROUP BY 1, 2`
  const rows =
    scan === 'all' ? await fromHotelRows() : (await Promise.all([fromMonthTotals(), carryCorrections()])).flat()
  const byMonth = new Map(monthsBetween(from, to).map((m) => [m, emptyMonthTotals(m)]))
  for (const r of rows) {
    const t = byMonth.get(r.month)
    if (!t) continue
    const ch = channelOf(r.channel)
    const n = (v: bigint) => Number(v)
    t.startMrr += n(r.start_mrr)
    t.mrr += n(r.mrr)
    t.activeAtStart += n(r.active_at_start)
    t.activeAtEnd += n(r.active_at_end)
    t.newHotels += n(r.new_hotels)
    t.churnedHotels += n(r.churned_hotels)
    t.movements.new += n(r.new_mrr)
    t.movements.reactivation += n(r.reactivation)
    t.movements.churned -= n(r.churned)
    t.movements.expansion += n(r.expansion)
    t.movements.contraction += n(r.contraction)
    t.mrrByChannel[ch] += n(r.mrr_active)
    t.hotelsByChannel[ch] += n(r.active_at_end)
    t.newMrrByChannel[ch] += n(r.new_mrr) + n(r.reactivation)
    t.revenueByChannel[ch] += n(r.revenue)
    t.newPaying += n(r.new_paying)
  }
  return [...byMonth.values()]
}

/** The straightforward computation: every period, hotel and revenue item through the pure kpiReport. */
export async function kpiReportStraight(from: string, to: string, now = new Date()): Promise<KpiReport> {
  return kpiReport(await gatherKpiInput(from, to, now))
}

/** The dashboard's report through the rollup: the same figures as kpiReport(gatherKpiInput(…)). */
export async function kpiReportFast(from: string, to: string, now = new Date()): Promise<KpiReport> {
  const [totals, figures] = await Promise.all([
    kpiTotalsFromRollup(from, to, periodKey(now, 'month')),
    hqFigures(from, to),
  ])
  return kpiReportOfTotals({ from, to, ...figures }, totals)
}

/**
 * Business month 1: the platform's first month with MRR (a period with a recurring fee), up to the
 * end of the range. The periods index walks invoices by start and stops at the first with a fee.
 */
async function launchMonthOf(to: string): Promise<string | null> {
  const rows = await privilegedDb().$queryRaw<{ month: string }[]>`
    SELECT to_char(i.period_start, 'YYYY-MM') AS month FROM invoices i
    WHERE i.status <> 'void' AND i.period_start < ${monthStart(addMonthsToMonth(to, 1))}
      AND (SELECT COALESCE(SUM(l.amount), 0) FROM invoice_lines l WHERE l.tenant_id = i.tenant_id
           AND l.invoice_id = i.id AND l.kind IN ('plan', 'cycle_discount', 'referral_discount')) > 0
    ORDER BY i.period_start LIMIT 1`
  return rows[0]?.month ?? null
}

/** Agents' sales (fees attributable), contracts, commission, rank and monthly sales trend. */
async function agentPerformance(from: string, to: string) {
  const db = privilegedDb()
  const months = monthsBetween(from, to)
  const [agents, rows, contracts] = await Promise.all([
    db.agent.findMany({ select: { id: true, companyName: true, rank: true, status: true, createdAt: true } }),
    db.$queryRaw<{ agent_id: string; month: string; sales: bigint; commission: bigint }[]>`
      SELECT r.referrer_agent_id AS agent_id, to_char(p.payment_month, 'YYYY-MM') AS month,
             SUM(p.fee_attributable) AS sales, SUM(p.amount) AS commission
      FROM referral_payments p JOIN referrals r ON r.id = p.referral_id
      WHERE r.referrer_type = 'agent' AND p.status <> 'cancelled'
        AND p.payment_month >= ${monthStart(from)} AND p.payment_month < ${monthStart(addMonthsToMonth(to, 1))}
      GROUP BY 1, 2`,
    db.$queryRaw<{ agent_id: string; contracts: bigint }[]>`
      SELECT referrer_agent_id AS agent_id, COUNT(*) AS contracts FROM referrals
      WHERE referrer_type = 'agent' AND status = 'converted' GROUP BY 1`,
  ])
  const rowsOf = new Map<string, typeof rows>()
  for (const r of rows) rowsOf.set(r.agent_id, [...(rowsOf.get(r.agent_id) ?? []), r])
  const contractsOf = new Map(contracts.map((c) => [c.agent_id, Number(c.contracts)]))
  const table = agents.map((a) => {
    const mine = rowsOf.get(a.id) ?? []
    const trend = months.map((m) => Number(mine.find((r) => r.month === m)?.sales ?? 0))
    return {
      agentId: a.id,
      companyName: a.companyName,
      rank: a.rank,
      status: a.status,
      sales: mine.reduce((n, r) => n + Number(r.sales), 0),
      commission: mine.reduce((n, r) => n + Number(r.commission), 0),
      contracts: contractsOf.get(a.id) ?? 0,
      trend,
    }
  })
  table.sort((x, y) => y.sales - x.sales || x.companyName.localeCompare(y.companyName))
  const activeSince = agents.filter((a) => a.status === 'active').map((a) => periodKey(a.createdAt, 'month'))
  const registeredByMonth = months.map((m) => ({ month: m, agents: activeSince.filter((c) => c <= m).length }))
  return { table, registeredByMonth }
}

export async function kpiTargets() {
  const rows = await privilegedDb().kpiTarget.findMany({ orderBy: { key: 'asc' } })
  return rows.map((r) => ({ key: r.key, value: r.value, byMonth: r.byMonth, updatedAt: r.updatedAt }))
}

/** Everything the dashboard shows for a range, in one answer. */
export async function kpiDashboard(from: string, to: string) {
  checkRange(from, to)
  const [report, launch, agents, targets, funnel] = await Promise.all([
    kpiReportFast(from, to),
    launchMonthOf(to),
    agentPerformance(from, to),
    kpiTargets(),
    channelFunnel(from, to),
  ])
  // Business month 1 is the platform's first month with MRR: the targets' "by month 6" counts from it.
  const launchMonth = launch ?? from
  return { ...report, launchMonth, agents: agents.table, registeredAgents: agents.registeredByMonth, targets, funnel }
}

export type KpiDashboard = Awaited<ReturnType<typeof kpiDashboard>>

/** The CSV of one dashboard table (UTF-8 with BOM, RFC 4180). */
export async function kpiCsv(from: string, to: string, table: string): Promise<string> {
  const d = await kpiDashboard(from, to)
  switch (table) {
    case 'agents':
      return toCsv(
        ['agent', 'rank', 'status', 'sales_yen', 'contracts', 'commission_yen', ...monthsBetween(from, to)],
        d.agents.map((a) => [a.companyName, a.rank, a.status, a.sales, a.contracts, a.commission, ...a.trend]),
      )
    case 'projection':
      return toCsv(
        ['month', 'mrr_yen', 'revenue_yen', 'growth_percent', 'churn_percent'],
        d.projection.months.map((p) => [
          p.month,
          p.mrr,
          p.revenue,
          d.projection.assumptions.growthBps / 100,
          d.projection.assumptions.churnBps / 100,
        ]),
      )
    case 'funnel':
      return toCsv(
        ['channel', 'referrer', 'visits', 'signups', 'paying', 'commission_yen'],
        d.funnel.referrers.map((r) => [r.channel, r.name, r.visits, r.signups, r.paying, r.commission]),
      )
    default: {
      const pct = (bps: number | null) => (bps === null ? null : bps / 100)
      return toCsv(
        [
          'month',
          'mrr_yen',
          'arr_yen',
          'new_yen',
          'expansion_yen',
          'contraction_yen',
          'churned_yen',
          'reactivation_yen',
          'active_hotels',
          'logo_churn_percent',
          'revenue_churn_percent',
          'nrr_percent',
          'arpa_yen',
          'cac_yen',
          'ltv_yen',
          'revenue_yen',
          ...SALES_CHANNELS.map((c) => `revenue_${c}_yen`),
          ...SALES_CHANNELS.map((c) => `hotels_${c}`),
          'referral_revenue_share_percent',
          'nps',
        ],
        d.months.map((m) => [
          m.month,
          m.mrr,
          m.arr,
          m.movements.new,
          m.movements.expansion,
          m.movements.contraction,
          m.movements.churned,
          m.movements.reactivation,
          m.activeAtEnd,
          pct(m.logoChurnBps),
          pct(m.revenueChurnBps),
          pct(m.nrrBps),
          m.arpa,
          m.cac,
          m.ltv,
          m.revenue,
          ...SALES_CHANNELS.map((c) => m.revenueByChannel[c]),
          ...SALES_CHANNELS.map((c) => m.hotelsByChannel[c]),
          pct(m.referralRevenueShareBps),
          m.nps.score,
        ]),
      )
    }
  }
}

export async function setKpiTarget(input: KpiTargetInput, actor: Actor) {
  const value = input.key.endsWith('_bps') ? Math.round(input.value * 100) : Math.round(input.value)
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.kpiTarget.findUnique({ where: { key: input.key } })
    const data = { value, byMonth: input.byMonth ?? null, updatedByUserId: actor.type === 'user' ? actor.id : null }
    const after = await tx.kpiTarget.upsert({
      where: { key: input.key },
      create: { key: input.key, ...data },
      update: data,
    })
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'kpi_target',
      entityId: input.key,
      before: before ? { value: before.value, byMonth: before.byMonth } : undefined,
      after: { value: after.value, byMonth: after.byMonth },
    })
    return { key: after.key, value: after.value, byMonth: after.byMonth }
  })
}

export async function listAcquisitionSpend(from: string, to: string) {
  checkRange(from, to)
  const rows = await privilegedDb().acquisitionSpend.findMany({
    where: { month: { gte: monthStart(from), lt: monthStart(addMonthsToMonth(to, 1)) } },
    orderBy: [{ month: 'asc' }, { channel: 'asc' }],
  })
  return rows.map((r) => ({
    channel: r.channel,
    month: r.month.toISOString().slice(0, 7),
    amount: r.amount,
    note: r.note,
  }))
}

export async function setAcquisitionSpend(input: AcquisitionSpendInput, actor: Actor) {
  const key = { channel_month: { channel: input.channel, month: monthStart(input.month) } }
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.acquisitionSpend.findUnique({ where: key })
    const data = {
      amount: input.amount,
      note: input.note ?? null,
      updatedByUserId: actor.type === 'user' ? actor.id : null,
    }
    const after = await tx.acquisitionSpend.upsert({
      where: key,
      create: { channel: input.channel, month: monthStart(input.month), ...data },
      update: data,
    })
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'acquisition_spend',
      entityId: `${input.channel}@${input.month}`,
      before: before ? { amount: before.amount, note: before.note } : undefined,
      after: { amount: after.amount, note: after.note },
    })
    return { channel: after.channel, month: input.month, amount: after.amount, note: after.note }
  })
}

/** The default range of the dashboard: the last 12 months up to this one (Tokyo). */
export function defaultKpiRange(now: Date) {
  const to = periodKey(now, 'month')
  return { from: addMonthsToMonth(to, -11), to }
}
