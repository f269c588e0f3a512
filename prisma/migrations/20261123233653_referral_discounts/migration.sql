-- CreateTable
CREATE TABLE "referral_discounts" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "referral_id" TEXT NOT NULL,
    "discount_bps" INTEGER NOT NULL DEFAULT 1000,
    "months_remaining" INTEGER NOT NULL DEFAULT 6,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_discounts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "referral_discounts_tenant_id_referral_id_key" ON "referral_discounts"("tenant_id", "referral_id");

-- AddForeignKey
ALTER TABLE "referral_discounts" ADD CONSTRAINT "referral_discounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (see *_tenant_rls).
ALTER TABLE "referral_discounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "referral_discounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "referral_discounts"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
