-- The KPI rollup's triggers recompute a hotel on an UPDATE only when a column the KPIs read changed.
-- The commission job stamps invoices and referrals (commissions_recorded_at) by the thousand, and a
-- hotel's settings, status or Stripe ids change often; before this, each such statement recomputed
-- every hotel it touched for nothing.
-- Arguments: the column naming the hotel; for UPDATE also the key columns and the columns the
-- rollup reads (comma-separated). A row whose key changed counts as changed.
CREATE OR REPLACE FUNCTION kpi_hotel_months_touch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  col text := TG_ARGV[0];
  keys text[] := string_to_array(TG_ARGV[1], ',');
  watched text[] := string_to_array(TG_ARGV[2], ',');
  touched text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', col) INTO touched;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', col) INTO touched;
  ELSE
    EXECUTE format(
      'SELECT array_agg(DISTINCT h) FROM (
         SELECT unnest(ARRAY[n.%1$I, o.%1$I]) AS h
         FROM new_rows n FULL JOIN old_rows o ON %2$s
         WHERE n.%3$I IS NULL OR o.%3$I IS NULL OR ROW(%4$s) IS DISTINCT FROM ROW(%5$s)
       ) c',
      col,
      (SELECT string_agg(format('n.%1$I = o.%1$I', k), ' AND ') FROM unnest(keys) k),
      keys[1],
      (SELECT string_agg(format('n.%I', w), ', ') FROM unnest(watched) w),
      (SELECT string_agg(format('o.%I', w), ', ') FROM unnest(watched) w)) INTO touched;
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
  FOR src IN SELECT * FROM (VALUES
      ('invoices', 'tenant_id', 'tenant_id,id', 'tenant_id,status,period_start,months,subtotal'),
      ('invoice_lines', 'tenant_id', 'tenant_id,id', 'tenant_id,invoice_id,kind,amount'),
      ('payments', 'tenant_id', 'tenant_id,id', 'tenant_id,paid_at'),
      ('credit_notes', 'tenant_id', 'tenant_id,id', 'tenant_id,issue_date,subtotal'),
      ('referrals', 'referred_tenant_id', 'id', 'referred_tenant_id,referrer_type,status,created_at'),
      ('tenants', 'id', 'id', 'cancelled_at')) v(tab, col, keys, watched)
  LOOP
    EXECUTE format('DROP TRIGGER kpi_hotel_months_upd ON %I', src.tab);
    EXECUTE format('CREATE TRIGGER kpi_hotel_months_upd AFTER UPDATE ON %I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_hotel_months_touch(%L, %L, %L)', src.tab, src.col, src.keys, src.watched);
  END LOOP;
END
$$;
