-- CreateEnum
CREATE TYPE "reservation_status" AS ENUM ('confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show');

-- AlterTable
ALTER TABLE "pms_integrations" ADD COLUMN     "connected_at" TIMESTAMPTZ(3),
ADD COLUMN     "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "external_property_id" TEXT,
ADD COLUMN     "external_property_name" TEXT,
ADD COLUMN     "last_error_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_full_sync_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_sync_stats" JSONB,
ADD COLUMN     "sync_cursor" TIMESTAMPTZ(3),
ADD COLUMN     "webhook_secret_hash" TEXT;

-- AlterTable
ALTER TABLE "rooms" ADD COLUMN     "external_id" TEXT,
ADD COLUMN     "pms_updated_at" TIMESTAMPTZ(3),
ADD COLUMN     "pms_vendor_id" TEXT;

-- CreateTable
CREATE TABLE "pms_reservations" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "pms_vendor_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "room_external_id" TEXT,
    "guest_name" TEXT,
    "arrival" DATE NOT NULL,
    "departure" DATE NOT NULL,
    "status" "reservation_status" NOT NULL,
    "pms_updated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pms_reservations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pms_webhook_events" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "pms_vendor_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "event_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "pms_webhook_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "pms_reservations_tenant_id_room_external_id_idx" ON "pms_reservations"("tenant_id", "room_external_id");

-- CreateIndex
CREATE UNIQUE INDEX "pms_reservations_tenant_id_pms_vendor_id_external_id_key" ON "pms_reservations"("tenant_id", "pms_vendor_id", "external_id");

-- CreateIndex
CREATE INDEX "pms_webhook_events_processed_at_idx" ON "pms_webhook_events"("processed_at");

-- CreateIndex
CREATE UNIQUE INDEX "pms_integrations_webhook_secret_hash_key" ON "pms_integrations"("webhook_secret_hash");

-- CreateIndex
CREATE UNIQUE INDEX "rooms_tenant_id_pms_vendor_id_external_id_key" ON "rooms"("tenant_id", "pms_vendor_id", "external_id");

-- AddForeignKey
ALTER TABLE "pms_reservations" ADD CONSTRAINT "pms_reservations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pms_webhook_events" ADD CONSTRAINT "pms_webhook_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (see *_tenant_rls).
ALTER TABLE "pms_reservations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pms_reservations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pms_reservations"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE "pms_webhook_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pms_webhook_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pms_webhook_events"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
