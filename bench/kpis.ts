// node bench/kpis.ts — the executive dashboard at scale (issue 14, benchmarks 4 and 6): hotels × 24
// months of monthly invoices (each with its plan line and payment; a tenth biennial, some upgrades,
// lapses and cancellations; 60% referred through the three channels), at 1/10, 1/3 and full size
// (1,000 / 3,333 / 10,000 hotels), each on a fresh database. Beside each figure, its baseline in the
// same run: the straightforward computation (every period, hotel and revenue item read into the pure
// kpiReport) against the rollup path the dashboard uses; the two must give the same report.
// BENCH_KPI_SIZES=1000,10000 picks the sizes, BENCH_KPI_RUNS the samples per case.
import { isDeepStrictEqual } from 'node:util'
import type { PrismaClient } from '../server/generated/prisma/client.ts'
import { withClient } from '../scripts/lib/database.ts'
import { recordResults, stats, withBenchDatabase } from './lib.ts'

const SIZES = (process.env.BENCH_KPI_SIZES || '1000,3333,10000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_KPI_RUNS || 7)
const BASELINE_RUNS = Number(process.env.BENCH_KPI_BASELINE_RUNS || 3)
const FROM = '2025-01'
const TO = '2026-12'
// The current month of the run: the range's last month, so the carry-through rule is exercised.
const NOW = new Date('2026-12-10T03:00:00Z')

async function seed(db: PrismaClient, hotels: number) {
  await db.$executeRawUnsafe(`
    INSERT INTO agents (id, company_name, contact_name, email, updated_at)
    SELECT 'bench-agent-' || g, 'Agent ' || g, 'A', 'a' || g || '@bench.example', now()
    FROM generate_series(1, 200) g`)
  await db.$executeRawUnsafe(`
    INSERT INTO tenants (id, slug, name, plan_id, contract_start_date, status, created_at, updated_at)
    SELECT 't' || g, 'bench-' || g, 'Hotel ' || g,
           (SELECT id FROM subscription_plans WHERE plan_code = 'LEISURE_ECONOMY'),
           date '2025-01-01' + ((g % 6) || ' months')::interval,
           CASE WHEN g % 25 = 0 THEN 'cancelled'::tenant_status ELSE 'active'::tenant_status END,
           timestamptz '2025-01-01' + ((g % 6) || ' months')::interval, now()
    FROM generate_series(1, ${hotels}) g`)
  await db.$executeRawUnsafe(`
    INSERT INTO referrals (id, code, referrer_type, referrer_agent_id, referrer_tenant_id, referrer_pms_vendor_id,
                           referred_tenant_id, status, converted_at)
    SELECT 'r' || g, 'BENCH-' || g,
           (ARRAY['agent', 'customer', 'pms_vendor'])[1 + g % 3]::referrer_type,
           CASE WHEN g % 3 = 0 THEN 'bench-agent-' || (1 + g % 200) END,
           CASE WHEN g % 3 = 1 THEN 't' || (1 + (g + 1) % ${hotels}) END,
           CASE WHEN g % 3 = 2 THEN (SELECT id FROM pms_vendors LIMIT 1) END,
           't' || g, 'converted', timestamptz '2025-01-05' + ((g % 6) || ' months')::interval
    FROM generate_series(1, ${hotels}) g WHERE g % 5 < 3`)
  // Monthly invoices, 24 months (a lapse in month 7 for every 17th hotel; biennial for every 10th;
  // every 7th doubles its fee after a year).
  await db.$executeRawUnsafe(`
    INSERT INTO invoices (tenant_id, id, number, period_start, period_end, months, plan_code, billing_cycle, status,
                          subtotal, tax, total, due_date, paid_at)
    SELECT 't' || g, 'i' || g || '-' || m, 'B-' || g || '-' || m,
           date '2025-01-01' + (m || ' months')::interval, date '2025-02-01' + (m || ' months')::interval,
           CASE WHEN g % 10 = 0 THEN 24 ELSE 1 END, 'LEISURE_ECONOMY',
           CASE WHEN g % 10 = 0 THEN 'biennial'::billing_cycle ELSE 'monthly'::billing_cycle END, 'paid',
           CASE WHEN g % 10 = 0 THEN 572160 WHEN m > 12 AND g % 7 = 0 THEN 59800 ELSE 29800 END, 0, 0,
           date '2025-01-15' + (m || ' months')::interval, timestamptz '2025-01-05' + (m || ' months')::interval
    FROM generate_series(1, ${hotels}) g, generate_series(0, 23) m
    WHERE (g % 10 <> 0 OR m = 0) AND NOT (g % 17 = 0 AND m = 7)`)
  await db.$executeRawUnsafe(`
    INSERT INTO invoice_lines (tenant_id, id, invoice_id, kind, description, amount)
    SELECT tenant_id, 'l' || id, id, 'plan', 'Plan', subtotal FROM invoices`)
  await db.$executeRawUnsafe(`
    INSERT INTO payments (tenant_id, id, invoice_id, amount, method, paid_at)
    SELECT tenant_id, 'p' || id, id, subtotal, 'manual', paid_at FROM invoices`)
  await db.$executeRawUnsafe(`UPDATE tenants SET cancelled_at = timestamptz '2026-06-10' WHERE status = 'cancelled'`)
  await db.$executeRawUnsafe('ANALYZE')
}

async function sample<T>(runs: number, f: () => Promise<T>) {
  const samples: number[] = []
  let last: T | undefined
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    last = await f()
    samples.push(performance.now() - start)
  }
  return { ...stats(samples), first: samples[0]!, last: last! }
}

interface SizeResult {
  hotels: number
  invoices: number
  rollupRows: number
  seedMs: number
  rollupRebuildMs: number
  oneHotelRefreshMs: number
  baselineMs: number
  fastMs: number
  fastP99Ms: number
  hotelRowsScanMs: number
  dashboardMs: number
  dashboardP99Ms: number
  ratio: number
  baselineUsPerHotel: number
  fastUsPerHotel: number
  dashboardUsPerHotel: number
  identical: boolean
  funnelBaselineMs: number
  funnelMs: number
}

type Services = {
  db: PrismaClient
  kpis: typeof import('../server/services/kpis.ts')
  funnels: typeof import('../server/services/funnel.ts')
}

async function measure(hotels: number, owner: string, { db, kpis, funnels }: Services): Promise<SizeResult> {
  const { kpiDashboard, kpiReportFast, kpiReportStraight, kpiTotalsFromRollup } = kpis
  const { channelFunnel, channelFunnelStraight } = funnels
  // Each size on an empty platform (the catalogue stays): TRUNCATE fires no row trigger, so the
  // rollup's tables go too.
  await withClient(owner, (c) =>
    c.query('TRUNCATE tenants, agents, referrals, kpi_hotel_months, kpi_month_totals CASCADE'),
  )
  const t0 = performance.now()
  await seed(db, hotels)
  const seedMs = performance.now() - t0
  const invoices = await db.invoice.count()
  const rollupRows = await db.kpiHotelMonth.count()
  console.log(
    `\n${hotels} hotels: ${invoices} invoices, ${rollupRows} rollup rows, seeded in ${Math.round(seedMs)} ms ` +
      '(the rollup kept by the triggers)',
  )
  const rebuild = await sample(1, () => db.$executeRawUnsafe('SELECT kpi_refresh_hotels(NULL)'))
  const oneHotel = await sample(20, () =>
    db.$transaction((tx) => tx.$executeRawUnsafe(`SELECT kpi_refresh_hotels(ARRAY['t${1 + (hotels >> 1)}'])`)),
  )

  const baseline = await sample(BASELINE_RUNS, () => kpiReportStraight(FROM, TO, NOW))
  const fast = await sample(RUNS, () => kpiReportFast(FROM, TO, NOW))
  const identical = isDeepStrictEqual(fast.last, baseline.last)
  // The first cut of the rollup: every month summed from the hotel rows on each request.
  const scanAll = await sample(RUNS, () => kpiTotalsFromRollup(FROM, TO, '2026-12', 'all'))
  const funnelBaseline = await sample(BASELINE_RUNS, () => channelFunnelStraight(FROM, TO))
  const funnel = await sample(RUNS, () => channelFunnel(FROM, TO))
  const funnelIdentical = isDeepStrictEqual(funnel.last, funnelBaseline.last)
  const dashboard = await sample(RUNS, () => kpiDashboard(FROM, TO))
  const mrr = fast.last.months.at(-1)!.mrr
  const us = (ms: number) => Math.round((ms * 1000) / hotels)
  const ms = (v: number) => `${Math.round(v)} ms`.padStart(9)
  console.log(
    `  rollup: full rebuild ${ms(rebuild.p50)}, one hotel's refresh (a write's trigger) p50 ` +
      `${oneHotel.p50.toFixed(1)} ms`,
  )
  console.log(
    `  baseline, straightforward (gather all + pure kpiReport): p50 ${ms(baseline.p50)}  ` +
      `${us(baseline.p50)} µs/hotel`,
  )
  console.log(
    `  rollup path (kpiReportFast):                           p50 ${ms(fast.p50)}  ${us(fast.p50)} µs/hotel` +
      `  ×${(baseline.p50 / fast.p50).toFixed(1)} faster; same report: ${identical ? 'yes' : 'NO'}`,
  )
  console.log(
    `  (hotel rows summed per request, without the monthly deltas: p50 ${ms(scanAll.p50)}  ` +
      `${us(scanAll.p50)} µs/hotel)`,
  )
  console.log(
    `  channel funnel, per referral and month in JS (baseline):   p50 ${ms(funnelBaseline.p50)}; ` +
      `summed per referrer in SQL: p50 ${ms(funnel.p50)}; same: ${funnelIdentical ? 'yes' : 'NO'}`,
  )
  console.log(
    `  whole dashboard answer (report, agents, funnel, targets): p50 ${ms(dashboard.p50)}, p99 ${ms(dashboard.p99)}` +
      `  ${us(dashboard.p50)} µs/hotel; MRR ${TO} ¥${mrr.toLocaleString('ja-JP')}`,
  )
  return {
    hotels,
    invoices,
    rollupRows,
    seedMs: Math.round(seedMs),
    rollupRebuildMs: Math.round(rebuild.p50),
    oneHotelRefreshMs: +oneHotel.p50.toFixed(2),
    baselineMs: Math.round(baseline.p50),
    fastMs: +fast.p50.toFixed(1),
    fastP99Ms: +fast.p99.toFixed(1),
    hotelRowsScanMs: +scanAll.p50.toFixed(1),
    dashboardMs: +dashboard.p50.toFixed(1),
    dashboardP99Ms: +dashboard.p99.toFixed(1),
    ratio: +(baseline.p50 / fast.p50).toFixed(1),
    baselineUsPerHotel: us(baseline.p50),
    fastUsPerHotel: us(fast.p50),
    dashboardUsPerHotel: us(dashboard.p50),
    identical: identical && funnelIdentical,
    funnelBaselineMs: Math.round(funnelBaseline.p50),
    funnelMs: +funnel.p50.toFixed(1),
  }
}

async function main() {
  const results: SizeResult[] = []
  await withBenchDatabase(async (owner) => {
    process.env.DATABASE_URL = owner
    const { privilegedDb, closeDatabases } = await import('../server/db/index.ts')
    const { seedCatalogue } = await import('../server/db/seed.ts')
    const kpis = await import('../server/services/kpis.ts')
    const funnels = await import('../server/services/funnel.ts')
    const db = privilegedDb()
    await seedCatalogue(db)
    for (const hotels of SIZES) results.push(await measure(hotels, owner, { db, kpis, funnels }))
    await closeDatabases()
  })
  console.log(`\nKPI dashboard data, ${FROM}..${TO} (p50 of ${RUNS} runs; baseline ${BASELINE_RUNS}):`)
  console.log(
    `${'hotels'.padStart(7)} ${'report: baseline'.padStart(17)} ${'rollup'.padStart(8)} ${'ratio'.padStart(7)} ` +
      `${'µs/hotel'.padStart(9)} ${'funnel: baseline'.padStart(17)} ${'SQL'.padStart(6)} ` +
      `${'dashboard'.padStart(10)} ${'same'.padStart(5)}`,
  )
  for (const r of results)
    console.log(
      `${String(r.hotels).padStart(7)} ${`${r.baselineMs} ms`.padStart(17)} ${`${r.fastMs} ms`.padStart(8)} ` +
        `${`×${r.ratio}`.padStart(7)} ${String(r.fastUsPerHotel).padStart(9)} ` +
        `${`${r.funnelBaselineMs} ms`.padStart(17)} ${`${Math.round(r.funnelMs)} ms`.padStart(6)} ` +
        `${`${Math.round(r.dashboardMs)} ms`.padStart(10)} ${(r.identical ? 'yes' : 'NO').padStart(5)}`,
    )
  recordResults('kpis', { range: `${FROM}..${TO}`, runs: RUNS, baselineRuns: BASELINE_RUNS, sizes: results })
  if (results.some((r) => !r.identical)) {
    console.error('The rollup path and the straightforward computation disagree.')
    process.exit(1)
  }
  process.exit(0)
}

await main()
