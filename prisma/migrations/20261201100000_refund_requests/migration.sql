-- CreateEnum
CREATE TYPE "refund_request_type" AS ENUM ('full_refund', 'roi_compensation');

-- CreateEnum
CREATE TYPE "refund_request_status" AS ENUM ('pending', 'approved', 'refunded', 'rejected');

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "cancels_on" DATE;

-- CreateTable
CREATE TABLE "refund_requests" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" "refund_request_type" NOT NULL,
    "status" "refund_request_status" NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL,
    "amount_yen" INTEGER,
    "guarantee_ends_on" DATE NOT NULL,
    "auto_approved" BOOLEAN NOT NULL DEFAULT false,
    "requested_by_user_id" TEXT,
    "compensation_case_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_user_id" TEXT,
    "rejection_reason" TEXT,
    "method" TEXT,
    "manual_transfer" JSONB,
    "stripe_refunds" JSONB,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "refunded_at" TIMESTAMPTZ(3),
    "credit_note_numbers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cancels_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refund_requests_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "refund_requests_status_created_at_idx" ON "refund_requests"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "refund_requests_tenant_id_compensation_case_id_key" ON "refund_requests"("tenant_id", "compensation_case_id");

-- AddForeignKey
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open request per hotel, as the last line of defence behind the service's check (409).
CREATE UNIQUE INDEX "refund_requests_one_open_per_tenant" ON "refund_requests"("tenant_id")
  WHERE "status" IN ('pending', 'approved');

-- A tenant table: RLS forced, the hotel reads its own requests. Only services (privileged) write
-- them, in the transaction of each step with its audit entry: SELECT only for the app role.
ALTER TABLE "refund_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "refund_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "refund_requests"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT ON "refund_requests" TO omotenasu_app;

-- DOMAIN.md: a full refund of at most ¥100,000 for a tenant with no earlier refund is approved at once.
INSERT INTO "business_settings" ("key", "effective_from", "value", "note") VALUES
  ('refund_auto_approval_limit', '2000-01-01', 100000, 'DOMAIN.md default')
ON CONFLICT DO NOTHING;
