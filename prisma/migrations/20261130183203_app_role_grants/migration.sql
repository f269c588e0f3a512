-- The third lock (issue 9): the app role may touch only what tenant routes need. Until now
-- omotenasu_app had SELECT/INSERT/UPDATE/DELETE on every table (a blanket grant plus default
-- privileges in *_tenant_rls): with no tenant set it read every user with their password hash,
-- every hotel's audit log, notifications holding live tokens, bank accounts, payouts and API keys,
-- and could make itself HQ. Now: full DML on tenant tables (forced RLS), two read-only,
-- column-limited, policy-guarded platform tables, and nothing else. omotenasu_privileged keeps its
-- grants and default privileges. tests/integration/app-role-grants.test.ts reads all of this back
-- from the catalogue.

-- Audit entries and notifications of a hotel are tenant rows; notifications name it tenant_id.
ALTER TABLE "notifications" RENAME COLUMN "hotel_id" TO "tenant_id";
ALTER INDEX "notifications_hotel_id_created_at_idx" RENAME TO "notifications_tenant_id_created_at_idx";

-- Nothing by default, on anything, including _prisma_migrations and tables created later.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM omotenasu_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM omotenasu_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM omotenasu_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM omotenasu_app;

-- Tenant tables: every row carries its hotel and RLS (forced) confines the app role to the one set
-- with set_config('app.tenant_id', id, true).
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "tenants", "tenant_settings", "tenant_memberships", "rooms", "pms_reservations",
  "pms_webhook_events", "agent_sales", "referral_payments", "invoices", "invoice_lines", "payments",
  "referral_discounts", "notifications"
  TO omotenasu_app;

-- A hotel's audit trail is append-only for the app: it writes entries, reads its own, never edits
-- or erases them. HQ and platform entries (tenant_id NULL) are invisible to it.
GRANT SELECT, INSERT ON "audit_logs" TO omotenasu_app;

-- The app role reads no hash of a token or secret, not even its own hotel's: the app client omits
-- these columns from every query (APP_ROLE_OMIT in server/db/client.ts), and lookups by token go
-- through privilegedDb.
-- A PMS connection: the hotel writes its webhook secret's hash (connect, disconnect), never reads it.
GRANT SELECT ("tenant_id", "id", "pms_vendor_id", "feature", "status", "credentials_encrypted", "last_sync_at", "last_sync_delay_ms", "last_error", "last_error_at", "consecutive_failures", "external_property_id", "external_property_name", "sync_cursor", "last_full_sync_at", "last_sync_stats", "connected_at", "created_at", "updated_at"),
      INSERT, UPDATE, DELETE
  ON "pms_integrations" TO omotenasu_app;

-- Invitations: the token hash is written once, never read back or changed.
GRANT SELECT ("id", "tenant_id", "agent_id", "email", "name", "role", "locale", "invited_by_user_id", "expires_at", "accepted_at", "accepted_user_id", "revoked_at", "created_at"),
      UPDATE ("email", "name", "role", "locale", "expires_at", "accepted_at", "accepted_user_id", "revoked_at"),
      INSERT, DELETE
  ON "invitations" TO omotenasu_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_logs', 'notifications']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
  END LOOP;
END
$$;

-- Shared reference data a hotel's screens show (its plan, the plans it may change to): readable,
-- only while a tenant is set. Not forced: the owner running migrations keeps seeing the rows.
GRANT SELECT ON "subscription_plans" TO omotenasu_app;
ALTER TABLE "subscription_plans" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_set ON "subscription_plans" FOR SELECT TO omotenasu_app
  USING (current_setting('app.tenant_id', true) <> '');

-- A hotel sees the name and address of its own members, never a password hash, an HQ flag or
-- another hotel's people, and writes no user (accounts are created and changed through
-- privilegedDb).
GRANT SELECT ("id", "email", "name", "locale", "last_sign_in_at") ON "users" TO omotenasu_app;
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_of_tenant ON "users" FOR SELECT TO omotenasu_app
  USING (EXISTS (SELECT 1 FROM "tenant_memberships" m
                 WHERE m.user_id = "users".id AND m.tenant_id = current_setting('app.tenant_id', true)));
