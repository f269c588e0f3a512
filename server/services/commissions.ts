// The daily commission job: for every converted referral and every billed month (up to the
// current month, Asia/Tokyo) not yet recorded, one referral_payments row at the right rate.
// Its cost follows the new work, not the history (ARCHITECTURE.md "The commission job"): one
// set-based INSERT … SELECT over three sources of (referral, month) pairs only:
//   a. invoices paid and not yet marked (invoices.commissions_recorded_at), all their months ≤ now;
//   b. months newly due: (cursor, current month] of every paid invoice covering them;
//   c. referrals converted and not yet marked (referrals.commissions_recorded_at), all their months.
// The statement marks what it read (UPDATE … RETURNING), and the cursor (commission_job_state,
// locked FOR UPDATE, so runs take turns) moves to the current month in the same transaction.
// Invariant after a run for month C: every pair of a marked paid invoice and a marked converted
// referral is recorded for every month ≤ C. With no cursor yet the run is a full recompute.
// The months come from paid invoices spread over the months they cover (remainder on the last),
// the rate from the referrer (agent: its rank's margin by contract month; customer: 5% for 12
// months; PMS vendor: its rate for 12 months), each the one in force in the month the commission
// is for, whenever the invoice is paid and whenever the job runs: the agent's rank from the rank
// history (rankInForce in shared/domain/referrals.ts is the same rule), looked up once per agent
// and month rather than once per row, the customer rate and the number of months from
// business_settings as of the month's first day. The unique key (tenant, referral, month) makes a
// second run, a concurrent run or a rerun after a crash a no-op.
import { Prisma } from '../generated/prisma/client.ts'
import { DEFAULT_BUSINESS_RULES } from '../../shared/domain/business-rules.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

export const STATE_ID = 'ledger'

export interface CommissionRunOptions {
  /** Ignore the cursor and the markers: look at every paid invoice and converted referral. */
  full?: boolean
}

export async function recordDueCommissions(
  tx: Prisma.TransactionClient,
  now: Date,
  options: CommissionRunOptions = {},
): Promise<{ recorded: number }> {
  const currentMonth = `${periodKey(now, 'month')}-01`
  await tx.$executeRaw`INSERT INTO commission_job_state (id) VALUES (${STATE_ID}) ON CONFLICT (id) DO NOTHING`
  const [state] = await tx.$queryRaw<{ through: string | null }[]>`
    SELECT to_char(through_month, 'YYYY-MM-DD') AS through FROM commission_job_state WHERE id = ${STATE_ID} FOR UPDATE`
  const full = options.full === true || !state?.through
  // Months after `after` are newly due for every paid invoice; a full run takes them all (the
  // markers only add pairs it already has).
  const after = full ? '0001-01-01' : state!.through!
  // One sort of the day's pairs (DISTINCT ON) in memory rather than on disk; this transaction only.
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`
  const recorded = await tx.$executeRaw(recordStatement(after, currentMonth))
  await tx.$executeRaw`
    UPDATE commission_job_state SET through_month = ${currentMonth}::date, updated_at = now() WHERE id = ${STATE_ID}`
  return { recorded }
}

/** The one INSERT … SELECT: new invoices and referrals (marked as it reads them), months after `after`. */
export function recordStatement(after: string, currentMonth: string): Prisma.Sql {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7))
  const afterIndex = index(after)
  const currentIndex = index(currentMonth)
  return Prisma.sql`
    WITH new_invoices AS MATERIALIZED (
      UPDATE invoices SET commissions_recorded_at = now()
      WHERE status = 'paid' AND commissions_recorded_at IS NULL
      RETURNING tenant_id, period_start, months, subtotal
    ),
    new_referrals AS MATERIALIZED (
      UPDATE referrals SET commissions_recorded_at = now()
      WHERE status = 'converted' AND commissions_recorded_at IS NULL
      RETURNING id, referred_tenant_id
    ),
    due_invoices AS MATERIALIZED (
      SELECT tenant_id, period_start, months, subtotal FROM invoices
      WHERE ${after}::date < ${currentMonth}::date AND status = 'paid'
        AND period_end > (${after}::date + interval '1 month')
    ),
    -- Months as integers (year × 12 + month): pairs compare and subtract ints, not dates or numerics.
    spread AS (
      SELECT i.tenant_id, i.source, i.period_start, i.first + gs.n AS month_index,
             CASE WHEN gs.n = i.months - 1 THEN i.subtotal - (i.subtotal / i.months) * (i.months - 1)
                  ELSE i.subtotal / i.months END AS fee
      FROM (
        SELECT u.*, (date_part('year', u.period_start) * 12 + date_part('month', u.period_start))::int AS first
        FROM (
          SELECT tenant_id, period_start, months, subtotal, 'new' AS source FROM new_invoices
          UNION ALL
          SELECT tenant_id, period_start, months, subtotal, 'due' AS source FROM due_invoices
          UNION ALL
          SELECT i.tenant_id, i.period_start, i.months, i.subtotal, 'referral' AS source
          FROM invoices i
          WHERE i.status = 'paid' AND i.tenant_id IN (SELECT referred_tenant_id FROM new_referrals)
        ) u
      ) i
      CROSS JOIN LATERAL generate_series(0, i.months - 1) AS gs(n)
      -- Months after the cursor come from every paid invoice ('due'); up to it, only new pairs do.
      WHERE CASE WHEN i.source = 'due'
                 THEN i.first + gs.n > ${afterIndex}::int AND i.first + gs.n <= ${currentIndex}::int
                 ELSE i.first + gs.n <= least(${afterIndex}::int, ${currentIndex}::int) END
    ),
    -- Hash joins on the referred tenant; the union keeps the planner from walking referrals in key order.
    pairs AS (
      SELECT DISTINCT ON (x.tenant_id, x.referral_id, x.month_index) x.*,
             make_date((x.month_index - 1) / 12, (x.month_index - 1) % 12 + 1, 1) AS month
      FROM (
        SELECT r.id AS referral_id, s.tenant_id, s.month_index, s.period_start, s.fee, r.referrer_type,
               r.referrer_agent_id, r.referrer_pms_vendor_id
        FROM spread s
        JOIN referrals r ON r.referred_tenant_id = s.tenant_id AND r.status = 'converted'
        WHERE s.source <> 'referral'
        UNION ALL
        SELECT r.id, s.tenant_id, s.month_index, s.period_start, s.fee, r.referrer_type, r.referrer_agent_id,
               r.referrer_pms_vendor_id
        FROM spread s
        JOIN new_referrals n ON n.referred_tenant_id = s.tenant_id
        JOIN referrals r ON r.id = n.id
        WHERE s.source = 'referral'
      ) x
      -- Two invoices covering one month (a cycle change): the earlier one's share, as a daily run has it.
      -- In tenant order, so the inserts into the ledger's (tenant, …) indexes stay on neighbouring pages.
      ORDER BY x.tenant_id, x.referral_id, x.month_index, x.period_start
    ),
    agent_months AS MATERIALIZED (
      SELECT DISTINCT referrer_agent_id AS agent_id, month FROM pairs WHERE referrer_agent_id IS NOT NULL
    ),
    agent_rates AS MATERIALIZED (
      SELECT am.agent_id, am.month, ars.first_year_margin_bps, ars.continuing_margin_bps
      FROM agent_months am
      JOIN agents a ON a.id = am.agent_id
      CROSS JOIN LATERAL (
        SELECT coalesce(
          (SELECT h.to_rank FROM agent_rank_changes h WHERE h.agent_id = a.id AND h.effective_month <= to_char(am.month,
            'YYYY-MM')
           ORDER BY h.effective_month DESC, h.created_at DESC LIMIT 1),
          (SELECT h.from_rank FROM agent_rank_changes h WHERE h.agent_id = a.id ORDER BY h.effective_month, h.created_at
            LIMIT 1),
          a.rank) AS rank
      ) rank_in_force
      JOIN agent_rank_settings ars ON ars.rank = rank_in_force.rank
    ),
    month_rules AS MATERIALIZED (
      SELECT m.month,
             coalesce((SELECT b.value FROM business_settings b WHERE b.key = 'customer_commission_rate' AND
               b.effective_from <= m.month ORDER BY b.effective_from DESC LIMIT 1),
               ${DEFAULT_BUSINESS_RULES.customerCommissionBps}) AS customer_bps,
             coalesce((SELECT b.value FROM business_settings b WHERE b.key = 'referral_commission_months' AND
               b.effective_from <= m.month ORDER BY b.effective_from DESC LIMIT 1),
               ${DEFAULT_BUSINESS_RULES.referralCommissionMonths}) AS referral_months
      FROM (SELECT DISTINCT month FROM pairs) m
    ),
    joined AS (
      SELECT p.referral_id, p.tenant_id, p.month, p.fee, p.referrer_type,
             p.month_index - (date_part('year', t.contract_start_date) * 12
               + date_part('month', t.contract_start_date))::int + 1 AS contract_month,
             ar.first_year_margin_bps, ar.continuing_margin_bps, mr.customer_bps, mr.referral_months,
             v.commission_rate_bps AS vendor_bps
      FROM pairs p
      JOIN tenants t ON t.id = p.tenant_id
      JOIN month_rules mr ON mr.month = p.month
      LEFT JOIN agent_rates ar ON ar.agent_id = p.referrer_agent_id AND ar.month = p.month
      LEFT JOIN pms_vendors v ON v.id = p.referrer_pms_vendor_id
    ),
    rated AS (
      SELECT j.*,
             CASE j.referrer_type
               WHEN 'agent' THEN CASE WHEN j.contract_month <= 12 THEN j.first_year_margin_bps ELSE
                 j.continuing_margin_bps END
               WHEN 'customer' THEN CASE WHEN j.contract_month <= j.referral_months THEN j.customer_bps ELSE 0 END
               WHEN 'pms_vendor' THEN CASE WHEN j.contract_month <= j.referral_months THEN j.vendor_bps ELSE 0 END
             END AS rate_bps
      FROM joined j
    )
    INSERT INTO referral_payments (tenant_id, id, referral_id, payment_month, contract_month, fee_attributable,
      rate_bps, amount, currency, status)
    SELECT tenant_id, gen_random_uuid()::text, referral_id, month, contract_month, fee, rate_bps,
           floor(fee::bigint * rate_bps / 10000)::int, 'JPY', 'pending'
    FROM rated
    WHERE contract_month >= 1 AND coalesce(rate_bps, 0) > 0
    ORDER BY tenant_id, referral_id, month
    ON CONFLICT (tenant_id, referral_id, payment_month) DO NOTHING`
}
