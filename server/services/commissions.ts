// The daily commission job: for every converted referral and every billed month (up to the
// current month, Asia/Tokyo) not yet recorded, one referral_payments row at the right rate.
// One set-based INSERT … SELECT: the months come from paid invoices spread over the months they
// cover (remainder on the last), the rate from the referrer (agent: its rank's margin by contract
// month; customer: 5% for 12 months; PMS vendor: its rate for 12 months). The unique key
// (tenant, referral, month) makes a second run, a concurrent run or a rerun after a crash a no-op.
// Every rate is the one in force in the month the commission is for, whenever the invoice is paid
// and whenever the job runs: the agent's rank from the rank history (agent_rank_changes joined on
// the month; rankInForce in shared/domain/referrals.ts is the same rule), the customer rate and the
// number of months from business_settings as of the month's first day.
import type { Prisma } from '../generated/prisma/client.ts'
import { DEFAULT_BUSINESS_RULES } from '../../shared/domain/business-rules.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

export async function recordDueCommissions(tx: Prisma.TransactionClient, now: Date): Promise<{ recorded: number }> {
  const currentMonth = `${periodKey(now, 'month')}-01`
  const recorded = await tx.$executeRaw`
    WITH spread AS (
      SELECT i.tenant_id,
             (date_trunc('month', i.period_start) + make_interval(months => gs.n))::date AS month,
             CASE WHEN gs.n = i.months - 1 THEN i.subtotal - (i.subtotal / i.months) * (i.months - 1)
                  ELSE i.subtotal / i.months END AS fee
      FROM invoices i
      CROSS JOIN LATERAL generate_series(0, i.months - 1) AS gs(n)
      WHERE i.status = 'paid'
    ),
    candidates AS (
      SELECT r.id AS referral_id, s.tenant_id, s.month, s.fee,
             ((extract(year FROM s.month) * 12 + extract(month FROM s.month))
              - (extract(year FROM t.contract_start_date) * 12 + extract(month FROM t.contract_start_date)) + 1)::int AS
                contract_month,
             r.referrer_type, ars.first_year_margin_bps, ars.continuing_margin_bps, v.commission_rate_bps AS vendor_bps,
             coalesce((SELECT b.value FROM business_settings b WHERE b.key = 'customer_commission_rate' AND
               b.effective_from <= s.month ORDER BY b.effective_from DESC LIMIT 1),
               ${DEFAULT_BUSINESS_RULES.customerCommissionBps}) AS customer_bps,
             coalesce((SELECT b.value FROM business_settings b WHERE b.key = 'referral_commission_months' AND
               b.effective_from <= s.month ORDER BY b.effective_from DESC LIMIT 1),
               ${DEFAULT_BUSINESS_RULES.referralCommissionMonths}) AS referral_months
      FROM referrals r
      JOIN spread s ON s.tenant_id = r.referred_tenant_id
      JOIN tenants t ON t.id = r.referred_tenant_id
      LEFT JOIN agents a ON a.id = r.referrer_agent_id
      LEFT JOIN LATERAL (
        SELECT coalesce(
          (SELECT h.to_rank FROM agent_rank_changes h WHERE h.agent_id = a.id AND h.effective_month <= to_char(s.month,
            'YYYY-MM')
           ORDER BY h.effective_month DESC, h.created_at DESC LIMIT 1),
          (SELECT h.from_rank FROM agent_rank_changes h WHERE h.agent_id = a.id ORDER BY h.effective_month, h.created_at
            LIMIT 1),
          a.rank) AS rank
      ) rank_in_force ON a.id IS NOT NULL
      LEFT JOIN agent_rank_settings ars ON ars.rank = rank_in_force.rank
      LEFT JOIN pms_vendors v ON v.id = r.referrer_pms_vendor_id
      WHERE r.status = 'converted' AND s.month <= ${currentMonth}::date
    ),
    rated AS (
      SELECT c.*,
             CASE c.referrer_type
               WHEN 'agent' THEN CASE WHEN c.contract_month <= 12 THEN c.first_year_margin_bps ELSE
                 c.continuing_margin_bps END
               WHEN 'customer' THEN CASE WHEN c.contract_month <= c.referral_months THEN c.customer_bps ELSE 0 END
               WHEN 'pms_vendor' THEN CASE WHEN c.contract_month <= c.referral_months THEN c.vendor_bps ELSE 0 END
             END AS rate_bps
      FROM candidates c
    )
    INSERT INTO referral_payments (tenant_id, id, referral_id, payment_month, contract_month, fee_attributable,
      rate_bps, amount, currency, status)
    SELECT tenant_id, gen_random_uuid()::text, referral_id, month, contract_month, fee, rate_bps,
           floor(fee::bigint * rate_bps / 10000)::int, 'JPY', 'pending'
    FROM rated
    WHERE contract_month >= 1 AND coalesce(rate_bps, 0) > 0
    ON CONFLICT (tenant_id, referral_id, payment_month) DO NOTHING`
  return { recorded }
}
