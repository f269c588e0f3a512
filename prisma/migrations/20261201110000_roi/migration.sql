-- CreateEnum
CREATE TYPE "api_key_kind" AS ENUM ('pms_vendor', 'concierge');

-- CreateEnum
CREATE TYPE "roi_compensation_status" AS ENUM ('open', 'credit_pending', 'credited', 'refunded', 'rejected');

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "kind" "api_key_kind" NOT NULL DEFAULT 'pms_vendor',
ALTER COLUMN "pms_vendor_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "concierge_usage" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "usage_date" DATE NOT NULL,
    "chat_conversations" INTEGER NOT NULL,
    "voice_conversations" INTEGER NOT NULL,
    "minutes_saved" INTEGER,
    "upsell_revenue" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "concierge_usage_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "roi_measurements" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "week_start" DATE NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "conversations" INTEGER NOT NULL,
    "reported_minutes" INTEGER NOT NULL,
    "minutes_per_conversation" INTEGER NOT NULL,
    "staff_hourly_cost" INTEGER NOT NULL,
    "staff_minutes_saved" INTEGER NOT NULL,
    "cost_savings" INTEGER NOT NULL,
    "revenue_increase" INTEGER NOT NULL,
    "fees_paid" INTEGER NOT NULL,
    "roi_bps" INTEGER,
    "guaranteed_roi_bps" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roi_measurements_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "roi_compensations" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "measurement_id" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "fees_paid" INTEGER NOT NULL,
    "roi_bps" INTEGER NOT NULL,
    "guaranteed_roi_bps" INTEGER NOT NULL,
    "status" "roi_compensation_status" NOT NULL DEFAULT 'open',
    "credited_amount" INTEGER NOT NULL DEFAULT 0,
    "credit_invoice_id" TEXT,
    "stripe_ref" TEXT,
    "refund_ref" TEXT,
    "reject_reason" TEXT,
    "decided_by_user_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roi_compensations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "concierge_usage_tenant_id_usage_date_key" ON "concierge_usage"("tenant_id", "usage_date");

-- CreateIndex
CREATE UNIQUE INDEX "roi_measurements_tenant_id_week_start_key" ON "roi_measurements"("tenant_id", "week_start");

-- CreateIndex
CREATE INDEX "roi_compensations_status_idx" ON "roi_compensations"("status");

-- CreateIndex
CREATE UNIQUE INDEX "roi_compensations_tenant_id_key" ON "roi_compensations"("tenant_id");

-- AddForeignKey
ALTER TABLE "concierge_usage" ADD CONSTRAINT "concierge_usage_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roi_measurements" ADD CONSTRAINT "roi_measurements_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roi_compensations" ADD CONSTRAINT "roi_compensations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- (No CHECK constraints: the WASM schema engine's drift check cannot read them back; the zod schemas
-- and the services hold these rules: a concierge key has no vendor, amounts are non-negative.)

-- Tenant isolation (see *_tenant_rls).
ALTER TABLE "concierge_usage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "concierge_usage" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "concierge_usage"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE "roi_measurements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "roi_measurements" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "roi_measurements"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE "roi_compensations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "roi_compensations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "roi_compensations"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- The app role: usage is written per hotel through the tenant client (RLS confines it); the
-- measurements and compensation cases are written by the roi job and HQ (privileged), read by the hotel.
GRANT SELECT, INSERT, UPDATE, DELETE ON "concierge_usage" TO omotenasu_app;
GRANT SELECT ON "roi_measurements", "roi_compensations" TO omotenasu_app;
