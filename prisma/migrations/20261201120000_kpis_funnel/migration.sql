-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "cancelled_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "acquisition_spend" (
    "channel" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT,
    "updated_by_user_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "acquisition_spend_pkey" PRIMARY KEY ("channel","month")
);

-- CreateTable
CREATE TABLE "kpi_targets" (
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "by_month" INTEGER,
    "updated_by_user_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_targets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "referral_visits" (
    "referral_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "visitor_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_visits_pkey" PRIMARY KEY ("referral_id","day","visitor_hash")
);

-- CreateTable
CREATE TABLE "visit_salts" (
    "day" DATE NOT NULL,
    "salt" TEXT NOT NULL,

    CONSTRAINT "visit_salts_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "nps_surveys" (
    "id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ja',
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score" INTEGER,
    "comment" TEXT,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "nps_surveys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "referral_visits_day_idx" ON "referral_visits"("day");

-- CreateIndex
CREATE UNIQUE INDEX "nps_surveys_token_hash_key" ON "nps_surveys"("token_hash");

-- CreateIndex
CREATE INDEX "nps_surveys_answered_at_idx" ON "nps_surveys"("answered_at");

-- CreateIndex
CREATE UNIQUE INDEX "nps_surveys_quarter_user_id_key" ON "nps_surveys"("quarter", "user_id");

-- AddForeignKey
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nps_surveys" ADD CONSTRAINT "nps_surveys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 13 (KPIs and the referral funnel). Every table above is platform data: no grant to the app
-- role (HQ, jobs, the visit counter and the survey page use the privileged client).
-- Channels, amounts and scores are checked by their zod schemas (CHECK constraints trip the
-- WASM schema engine's describer here).

-- The month a hotel churned must survive whichever code path cancels it (HQ, Stripe, a refund):
-- the database records it, not each caller.
CREATE FUNCTION tenants_cancelled_at() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'cancelled' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'cancelled') THEN
    NEW.cancelled_at := COALESCE(NEW.cancelled_at, now());
  ELSIF NEW.status <> 'cancelled' THEN
    NEW.cancelled_at := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tenants_cancelled_at BEFORE INSERT OR UPDATE OF status ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION tenants_cancelled_at();
UPDATE "tenants" SET "cancelled_at" = "updated_at" WHERE "status" = 'cancelled';

-- The KPI data gathering reads these ranges set-based (one query per source).
CREATE INDEX "referral_payments_payment_month_idx" ON "referral_payments"("payment_month");
CREATE INDEX "invoices_period_start_idx" ON "invoices"("period_start");

-- The design document's targets (HQ edits them on the dashboard).
INSERT INTO "kpi_targets" ("key", "value", "by_month", "updated_at") VALUES
  ('registered_agents', 50, 6, now()),
  ('referral_revenue_share_bps', 2500, 12, now()),
  ('nps', 50, NULL, now()),
  ('uptime_bps', 9990, NULL, now());
