-- CreateTable
CREATE TABLE "kpi_hotel_months" (
    "tenant_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "mrr" INTEGER,
    "prev_mrr" INTEGER,
    "earlier_active" BOOLEAN NOT NULL,
    "revenue" BIGINT NOT NULL DEFAULT 0,
    "first_paid" BOOLEAN NOT NULL,
    "channel" TEXT NOT NULL,
    "cancelled" BOOLEAN NOT NULL,

    CONSTRAINT "kpi_hotel_months_pkey" PRIMARY KEY ("tenant_id","month")
);

-- CreateIndex
CREATE INDEX "kpi_hotel_months_month_idx" ON "kpi_hotel_months"("month");

-- AddForeignKey
ALTER TABLE "kpi_hotel_months" ADD CONSTRAINT "kpi_hotel_months_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 14: the executive dashboard at 10,000 hotels × 24 months read every invoice, line and
-- payment and looped over hotels × months in JavaScript (2.4 s). kpi_hotel_months holds, per hotel
-- and month, what those loops derived; the dashboard sums it per month and channel in one scan.
-- It is derived data, kept exact by statement-level triggers in the transaction that writes the
-- source rows, whichever client writes them (tenant, privileged, billing job, Stripe webhook).

-- A tenant table (RLS forced): a hotel's tenant client may read its own rows and write none.
GRANT SELECT ON "kpi_hotel_months" TO omotenasu_app;
ALTER TABLE "kpi_hotel_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "kpi_hotel_months" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "kpi_hotel_months"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- Recomputes the rows of the given hotels (NULL: every hotel) from invoices, invoice lines,
-- payments, credit notes, tenants and referrals, with the rules of shared/domain/kpis.ts:
--   mrr: floor(recurring / months) of the latest-starting non-void invoice covering the month (recurring:
--        its plan and discount lines), 0 from the month (Asia/Tokyo) the hotel was cancelled in;
--   revenue: paid or refunded invoices spread over their months in whole yen (remainder on the last),
--        credit notes negative in the month they were issued;
--   first_paid: the month (Asia/Tokyo) of the hotel's first payment;
--   channel: the referral that brought the hotel (a converted one first, then the oldest), else direct.
-- The hotels are locked one by one (sorted, transaction advisory locks) so two writers of the same
-- hotel recompute one after the other. Runs as omotenasu_privileged (BYPASSRLS): a tenant client's
-- write must see the hotel's referral and credit notes, which its own role may not read.
CREATE FUNCTION kpi_refresh_hotels(ids text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF ids IS NULL THEN
    LOCK TABLE kpi_hotel_months IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM kpi_hotel_months;
    ids := ARRAY(SELECT id FROM tenants);
  ELSE
    ids := ARRAY(SELECT DISTINCT u FROM unnest(ids) u WHERE u IS NOT NULL ORDER BY 1);
    IF cardinality(ids) = 0 THEN
      RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('kpi_hotel_months'), hashtext(u)) FROM unnest(ids) u;
    DELETE FROM kpi_hotel_months WHERE tenant_id = ANY (ids);
  END IF;
  -- EXECUTE: planned for the actual list every time (one hotel: index scans; all: hash joins).
  EXECUTE $q$
    INSERT INTO kpi_hotel_months
      (tenant_id, month, mrr, prev_mrr, earlier_active, revenue, first_paid, channel, cancelled)
    WITH t AS (
      SELECT id, date_trunc('month', cancelled_at AT TIME ZONE 'Asia/Tokyo')::date AS cancelled_month
      FROM tenants WHERE id = ANY ($1)
    ), p AS (
      SELECT i.tenant_id, i.id, i.period_start, i.months,
             COALESCE(SUM(l.amount) FILTER (WHERE l.kind IN ('plan', 'cycle_discount', 'referral_discount')), 0)
               AS recurring
      FROM invoices i LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id
      WHERE i.tenant_id = ANY ($1) AND i.status <> 'void'
      GROUP BY i.tenant_id, i.id
    ), covered AS (
      SELECT DISTINCT ON (p.tenant_id, m.month) p.tenant_id, m.month,
             floor(p.recurring::numeric / p.months)::int AS share
      FROM p CROSS JOIN LATERAL (
        SELECT (date_trunc('month', p.period_start) + make_interval(months => n))::date AS month
        FROM generate_series(0, p.months - 1) n
      ) m
      ORDER BY p.tenant_id, m.month, p.period_start DESC
    ), cov AS (
      SELECT c.tenant_id, c.month,
             CASE WHEN c.month >= t.cancelled_month THEN 0 ELSE c.share END AS mrr
      FROM covered c JOIN t ON t.id = c.tenant_id
    ), rev AS (
      SELECT tenant_id, month, SUM(yen) AS yen FROM (
        SELECT i.tenant_id, (date_trunc('month', i.period_start) + make_interval(months => gs.n))::date AS month,
               CASE WHEN gs.n = i.months - 1 THEN i.subtotal - (i.subtotal / i.months) * (i.months - 1)
                    ELSE i.subtotal / i.months END AS yen
        FROM invoices i CROSS JOIN LATERAL generate_series(0, i.months - 1) AS gs(n)
        WHERE i.tenant_id = ANY ($1) AND i.status IN ('paid', 'refunded')
        UNION ALL
        SELECT tenant_id, date_trunc('month', issue_date)::date, -subtotal
        FROM credit_notes WHERE tenant_id = ANY ($1)
      ) s GROUP BY 1, 2
    ), fp AS (
      SELECT tenant_id, date_trunc('month', min(paid_at) AT TIME ZONE 'Asia/Tokyo')::date AS month
      FROM payments WHERE tenant_id = ANY ($1) GROUP BY 1
    ), ch AS (
      SELECT DISTINCT ON (referred_tenant_id) referred_tenant_id AS tenant_id, referrer_type::text AS channel
      FROM referrals WHERE referred_tenant_id = ANY ($1)
      ORDER BY referred_tenant_id, (status = 'converted') DESC, created_at
    ), k AS (
      SELECT tenant_id, month FROM cov
      UNION SELECT tenant_id, (month + interval '1 month')::date FROM cov
      UNION SELECT tenant_id, month FROM rev
      UNION SELECT tenant_id, month FROM fp
    )
    SELECT k.tenant_id, k.month, c.mrr, pc.mrr,
           COALESCE(bool_or(c.mrr > 0) OVER (PARTITION BY k.tenant_id ORDER BY k.month
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false),
           COALESCE(r.yen, 0), fp.month IS NOT NULL, COALESCE(ch.channel, 'direct'), t.cancelled_month IS NOT NULL
    FROM k JOIN t ON t.id = k.tenant_id
    LEFT JOIN cov c ON c.tenant_id = k.tenant_id AND c.month = k.month
    LEFT JOIN cov pc ON pc.tenant_id = k.tenant_id AND pc.month = (k.month - interval '1 month')::date
    LEFT JOIN rev r ON r.tenant_id = k.tenant_id AND r.month = k.month
    LEFT JOIN fp ON fp.tenant_id = k.tenant_id AND fp.month = k.month
    LEFT JOIN ch ON ch.tenant_id = k.tenant_id
  $q$ USING ids;
END
$fn$;

-- One trigger function for every source table: TG_ARGV[0] names the column holding the hotel.
-- Tenants count only when cancelled_at changes (any other edit leaves the KPIs as they were).
CREATE FUNCTION kpi_hotel_months_touch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  col text := TG_ARGV[0];
  touched text[] := '{}';
  more text[];
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    SELECT array_agg(n.id) INTO more FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.cancelled_at IS DISTINCT FROM o.cancelled_at;
    touched := touched || COALESCE(more, '{}');
  ELSE
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', col) INTO more;
      touched := touched || COALESCE(more, '{}');
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', col) INTO more;
      touched := touched || COALESCE(more, '{}');
    END IF;
  END IF;
  IF cardinality(touched) > 0 THEN
    PERFORM kpi_refresh_hotels(touched);
  END IF;
  RETURN NULL;
END
$fn$;

DO $$
DECLARE
  src record;
BEGIN
  FOR src IN SELECT * FROM (VALUES ('invoices', 'tenant_id'), ('invoice_lines', 'tenant_id'),
      ('payments', 'tenant_id'), ('credit_notes', 'tenant_id'), ('referrals', 'referred_tenant_id')) v(tab, col)
  LOOP
    EXECUTE format('CREATE TRIGGER kpi_hotel_months_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_hotel_months_touch(%L)', src.tab, src.col);
    EXECUTE format('CREATE TRIGGER kpi_hotel_months_upd AFTER UPDATE ON %I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_hotel_months_touch(%L)', src.tab, src.col);
    EXECUTE format('CREATE TRIGGER kpi_hotel_months_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_hotel_months_touch(%L)', src.tab, src.col);
  END LOOP;
END
$$;
CREATE TRIGGER kpi_hotel_months_upd AFTER UPDATE ON tenants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_hotel_months_touch('id');

-- Run as the privileged role (BYPASSRLS, which HQ's client already is), callable by no one else.
ALTER FUNCTION kpi_refresh_hotels(text[]) OWNER TO omotenasu_privileged;
ALTER FUNCTION kpi_hotel_months_touch() OWNER TO omotenasu_privileged;
REVOKE ALL ON FUNCTION kpi_refresh_hotels(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION kpi_hotel_months_touch() FROM PUBLIC;

-- The rows of the hotels that exist already.
SELECT kpi_refresh_hotels(NULL);
