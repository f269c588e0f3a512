-- CreateTable
CREATE TABLE "kpi_month_totals" (
    "id" BIGSERIAL NOT NULL,
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "start_mrr" BIGINT NOT NULL,
    "mrr" BIGINT NOT NULL,
    "mrr_active" BIGINT NOT NULL,
    "active_at_start" BIGINT NOT NULL,
    "active_at_end" BIGINT NOT NULL,
    "new_mrr" BIGINT NOT NULL,
    "new_hotels" BIGINT NOT NULL,
    "reactivation" BIGINT NOT NULL,
    "churned" BIGINT NOT NULL,
    "churned_hotels" BIGINT NOT NULL,
    "expansion" BIGINT NOT NULL,
    "contraction" BIGINT NOT NULL,
    "revenue" BIGINT NOT NULL,
    "new_paying" BIGINT NOT NULL,

    CONSTRAINT "kpi_month_totals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kpi_month_totals_month_idx" ON "kpi_month_totals"("month");

-- Platform data (HQ's dashboard reads it through the privileged client): no grant to the app role.
-- Summing kpi_hotel_months' ~250,000 rows of a 24-month range per request cost 0.3–0.4 s at 10,000
-- hotels; these deltas make the read ~100 rows whatever the number of hotels.

-- What one hotel row adds to its month and channel (the rules of shared/domain/kpis.ts monthTotals,
-- without the current month's carry-through, which the dashboard applies when it reads), signed:
-- the new rows of a statement count +1, the old −1; all-zero deltas are not written.
CREATE FUNCTION kpi_month_totals_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO kpi_month_totals (month, channel, start_mrr, mrr, mrr_active, active_at_start, active_at_end,
      new_mrr, new_hotels, reactivation, churned, churned_hotels, expansion, contraction, revenue, new_paying)
    SELECT month, channel, d.*
    FROM (
      SELECT r.month, r.channel,
        SUM(s * prev) AS start_mrr, SUM(s * cur) AS mrr,
        SUM(s * cur) FILTER (WHERE cur > 0) AS mrr_active,
        SUM(s) FILTER (WHERE prev > 0) AS active_at_start,
        SUM(s) FILTER (WHERE cur > 0) AS active_at_end,
        SUM(s * cur) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active) AS new_mrr,
        SUM(s) FILTER (WHERE prev = 0 AND cur <> 0 AND NOT earlier_active) AS new_hotels,
        SUM(s * cur) FILTER (WHERE prev = 0 AND cur <> 0 AND earlier_active) AS reactivation,
        SUM(s * prev) FILTER (WHERE prev <> 0 AND cur = 0) AS churned,
        SUM(s) FILTER (WHERE prev <> 0 AND cur = 0) AS churned_hotels,
        SUM(s * (cur - prev)) FILTER (WHERE prev <> 0 AND cur > prev) AS expansion,
        SUM(s * (cur - prev)) FILTER (WHERE prev <> 0 AND cur <> 0 AND cur < prev) AS contraction,
        SUM(s * revenue) AS revenue,
        SUM(s) FILTER (WHERE first_paid) AS new_paying
      FROM (SELECT r.*, COALESCE(r.mrr, 0) AS cur, COALESCE(r.prev_mrr, 0) AS prev FROM (%s) r) r
      GROUP BY 1, 2
    ) t
    CROSS JOIN LATERAL (SELECT COALESCE(t.start_mrr, 0), COALESCE(t.mrr, 0), COALESCE(t.mrr_active, 0),
      COALESCE(t.active_at_start, 0), COALESCE(t.active_at_end, 0), COALESCE(t.new_mrr, 0),
      COALESCE(t.new_hotels, 0), COALESCE(t.reactivation, 0), COALESCE(t.churned, 0),
      COALESCE(t.churned_hotels, 0), COALESCE(t.expansion, 0), COALESCE(t.contraction, 0),
      COALESCE(t.revenue, 0), COALESCE(t.new_paying, 0)) d(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14)
    WHERE (d.c1, d.c2, d.c3, d.c4, d.c5, d.c6, d.c7, d.c8, d.c9, d.c10, d.c11, d.c12, d.c13, d.c14)
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  $q$, src);
  RETURN NULL;
END
$fn$;

-- The rows that exist already, taken out before the triggers exist and put back after: their
-- insert writes the first totals.
CREATE TEMP TABLE kpi_hotel_months_before AS SELECT * FROM kpi_hotel_months;
DELETE FROM kpi_hotel_months;
CREATE TRIGGER kpi_month_totals_ins AFTER INSERT ON kpi_hotel_months REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_month_totals_apply();
CREATE TRIGGER kpi_month_totals_upd AFTER UPDATE ON kpi_hotel_months
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_month_totals_apply();
CREATE TRIGGER kpi_month_totals_del AFTER DELETE ON kpi_hotel_months REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_month_totals_apply();

INSERT INTO kpi_hotel_months SELECT * FROM kpi_hotel_months_before;
DROP TABLE kpi_hotel_months_before;

-- Folds the deltas into one row per month and channel. Concurrent writers keep appending; a
-- concurrent fold waits for this one's rows and then folds only what it still sees: sums stay exact.
CREATE FUNCTION kpi_compact_month_totals() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  WITH gone AS (DELETE FROM kpi_month_totals RETURNING *)
  INSERT INTO kpi_month_totals (month, channel, start_mrr, mrr, mrr_active, active_at_start, active_at_end,
    new_mrr, new_hotels, reactivation, churned, churned_hotels, expansion, contraction, revenue, new_paying)
  SELECT month, channel, SUM(start_mrr), SUM(mrr), SUM(mrr_active), SUM(active_at_start), SUM(active_at_end),
    SUM(new_mrr), SUM(new_hotels), SUM(reactivation), SUM(churned), SUM(churned_hotels), SUM(expansion),
    SUM(contraction), SUM(revenue), SUM(new_paying)
  FROM gone GROUP BY month, channel
$fn$;

ALTER FUNCTION kpi_month_totals_apply() OWNER TO omotenasu_privileged;
ALTER FUNCTION kpi_compact_month_totals() OWNER TO omotenasu_privileged;
REVOKE ALL ON FUNCTION kpi_month_totals_apply() FROM PUBLIC;
REVOKE ALL ON FUNCTION kpi_compact_month_totals() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kpi_compact_month_totals() TO omotenasu_privileged;

