-- Tenant isolation underneath the Prisma extension: the app connects as omotenasu_app, which owns
-- nothing and cannot bypass row-level security; the tenant is set per transaction with
-- set_config('app.tenant_id', <id>, true). Without that setting a tenant table shows no rows and
-- accepts no writes. omotenasu_privileged (BYPASSRLS) serves HQ screens, jobs, sign-in and tenant
-- resolution through the separately named privilegedDb client.
-- Roles are cluster-wide; LOGIN and passwords are set by `npm run db:migrate` (scripts/db.ts),
-- never stored in a migration.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omotenasu_app') THEN
    CREATE ROLE omotenasu_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omotenasu_privileged') THEN
    CREATE ROLE omotenasu_privileged NOLOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO omotenasu_app, omotenasu_privileged;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO omotenasu_app, omotenasu_privileged;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO omotenasu_app, omotenasu_privileged;
-- Tables that later migrations create get the same grants (RLS for them is each migration's job,
-- and tests/integration/rls-coverage checks that every table with tenant_id has it).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO omotenasu_app, omotenasu_privileged;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO omotenasu_app, omotenasu_privileged;

-- The tenant's own row.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenants"
  USING (id = current_setting('app.tenant_id', true))
  WITH CHECK (id = current_setting('app.tenant_id', true));

-- Every table keyed on tenant_id.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_settings', 'tenant_memberships', 'rooms', 'pms_integrations', 'agent_sales', 'referral_payments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
  END LOOP;
END
$$;
