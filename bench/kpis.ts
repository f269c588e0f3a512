// node bench/kpis.ts — the executive dashboard at scale: 10,000 hotels × 24 months of monthly
// invoices (each with its plan line and payment; a tenth biennial, some downgrades, lapses and
// cancellations; 60% referred through the three channels), then GET /api/v1/hq/kpis's service for
// 24 months, measured on a fresh database. BENCH_KPI_HOTELS changes the count.
import { stats, withBenchDatabase } from './lib.ts'

const HOTELS = Number(process.env.BENCH_KPI_HOTELS || 10_000)
const RUNS = Number(process.env.BENCH_KPI_RUNS || 5)

async function main() {
  await withBenchDatabase(async (owner) => {
    process.env.DATABASE_URL = owner
    const { privilegedDb, closeDatabases } = await import('../server/db/index.ts')
    const { seedCatalogue } = await import('../server/db/seed.ts')
    const { kpiDashboard, gatherKpiInput } = await import('../server/services/kpis.ts')
    const { channelFunnel } = await import('../server/services/funnel.ts')
    const { kpiReport } = await import('../shared/domain/kpis.ts')
    const db = privilegedDb()
    await seedCatalogue(db)
    const t0 = performance.now()
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
      FROM generate_series(1, ${HOTELS}) g`)
    await db.$executeRawUnsafe(`
      INSERT INTO referrals (id, code, referrer_type, referrer_agent_id, referrer_tenant_id, referrer_pms_vendor_id,
                             referred_tenant_id, status, converted_at)
      SELECT 'r' || g, 'BENCH-' || g,
             (ARRAY['agent', 'customer', 'pms_vendor'])[1 + g % 3]::referrer_type,
             CASE WHEN g % 3 = 0 THEN 'bench-agent-' || (1 + g % 200) END,
             CASE WHEN g % 3 = 1 THEN 't' || (1 + (g + 1) % ${HOTELS}) END,
             CASE WHEN g % 3 = 2 THEN (SELECT id FROM pms_vendors LIMIT 1) END,
             't' || g, 'converted', timestamptz '2025-01-05' + ((g % 6) || ' months')::interval
      FROM generate_series(1, ${HOTELS}) g WHERE g % 5 < 3`)
    // Monthly invoices, 24 months (a lapse in month 7 for every 17th hotel; biennial for every 10th).
    await db.$executeRawUnsafe(`
      INSERT INTO invoices (tenant_id, id, number, period_start, period_end, months, plan_code, billing_cycle, status,
                            subtotal, tax, total, due_date, paid_at)
      SELECT 't' || g, 'i' || g || '-' || m, 'B-' || g || '-' || m,
             date '2025-01-01' + (m || ' months')::interval, date '2025-02-01' + (m || ' months')::interval,
             CASE WHEN g % 10 = 0 THEN 24 ELSE 1 END, 'LEISURE_ECONOMY',
             CASE WHEN g % 10 = 0 THEN 'biennial'::billing_cycle ELSE 'monthly'::billing_cycle END, 'paid',
             CASE WHEN g % 10 = 0 THEN 572160 WHEN m > 12 AND g % 7 = 0 THEN 59800 ELSE 29800 END, 0, 0,
             date '2025-01-15' + (m || ' months')::interval, timestamptz '2025-01-05' + (m || ' months')::interval
      FROM generate_series(1, ${HOTELS}) g, generate_series(0, 23) m
      WHERE (g % 10 <> 0 OR m = 0) AND NOT (g % 17 = 0 AND m = 7)`)
    await db.$executeRawUnsafe(`
      INSERT INTO invoice_lines (tenant_id, id, invoice_id, kind, description, amount)
      SELECT tenant_id, 'l' || id, id, 'plan', 'Plan', subtotal FROM invoices`)
    await db.$executeRawUnsafe(`
      INSERT INTO payments (tenant_id, id, invoice_id, amount, method, paid_at)
      SELECT tenant_id, 'p' || id, id, subtotal, 'manual', paid_at FROM invoices`)
    await db.$executeRawUnsafe(`UPDATE tenants SET cancelled_at = timestamptz '2026-06-10' WHERE status = 'cancelled'`)
    await db.$executeRawUnsafe('ANALYZE')
    const invoices = await db.invoice.count()
    console.log(`Seeded ${HOTELS} hotels, ${invoices} invoices in ${Math.round(performance.now() - t0)} ms`)

    // Where the time goes, one part at a time.
    const time = async <T>(label: string, f: () => Promise<T> | T) => {
      const t = performance.now()
      const out = await f()
      console.log(`  ${label}: ${Math.round(performance.now() - t)} ms`)
      return out
    }
    const input = await time('gather (SQL)', () => gatherKpiInput('2025-01', '2026-12'))
    await time('kpiReport (pure)', () => kpiReport(input))
    await time('channel funnel', () => channelFunnel('2025-01', '2026-12'))
    const samples: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now()
      const d = await kpiDashboard('2025-01', '2026-12')
      samples.push(performance.now() - start)
      if (i === 0)
        console.log(`  MRR 2026-12 ¥${d.months.at(-1)!.mrr.toLocaleString('ja-JP')}, months ${d.months.length}`)
    }
    const s = stats(samples)
    console.log(
      `kpiDashboard 24 months × ${HOTELS} hotels: p50 ${Math.round(s.p50)} ms, p99 ${Math.round(s.p99)} ms ` +
        `(${RUNS} runs, first ${Math.round(samples[0]!)} ms)`,
    )
    await closeDatabases()
  })
  process.exit(0)
}

await main()
