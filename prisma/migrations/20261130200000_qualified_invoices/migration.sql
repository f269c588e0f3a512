-- AlterTable
ALTER TABLE "invoice_lines" ADD COLUMN     "tax_rate_bps" INTEGER NOT NULL DEFAULT 1000;

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "buyer_name" TEXT,
ADD COLUMN     "issue_date" DATE,
ADD COLUMN     "seller_address" TEXT,
ADD COLUMN     "seller_name" TEXT,
ADD COLUMN     "seller_registration_number" TEXT,
ADD COLUMN     "tax_breakdown" JSONB;

-- CreateTable
CREATE TABLE "credit_notes" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "invoice_number" TEXT NOT NULL,
    "invoice_issue_date" DATE NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "issue_date" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "tax_breakdown" JSONB NOT NULL,
    "buyer_name" TEXT NOT NULL,
    "seller_name" TEXT NOT NULL,
    "seller_registration_number" TEXT NOT NULL,
    "seller_address" TEXT NOT NULL,

    CONSTRAINT "credit_notes_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "receipts" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "invoice_number" TEXT NOT NULL,
    "paid_on" DATE NOT NULL,
    "issue_date" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "proviso" TEXT NOT NULL,
    "tax_breakdown" JSONB NOT NULL,
    "buyer_name" TEXT NOT NULL,
    "seller_name" TEXT NOT NULL,
    "seller_registration_number" TEXT NOT NULL,
    "seller_address" TEXT NOT NULL,

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "credit_notes_tenant_id_invoice_id_idx" ON "credit_notes"("tenant_id", "invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_tenant_id_number_key" ON "credit_notes"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "receipts_tenant_id_invoice_id_idx" ON "receipts"("tenant_id", "invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_tenant_id_number_key" ON "receipts"("tenant_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_tenant_id_payment_id_key" ON "receipts"("tenant_id", "payment_id");

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_tenant_id_invoice_id_fkey" FOREIGN KEY ("tenant_id", "invoice_id") REFERENCES "invoices"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_tenant_id_invoice_id_fkey" FOREIGN KEY ("tenant_id", "invoice_id") REFERENCES "invoices"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_tenant_id_payment_id_fkey" FOREIGN KEY ("tenant_id", "payment_id") REFERENCES "payments"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invoices issued before this migration: their issue date (Asia/Tokyo), buyer and per-rate summary
-- as they were computed (every line was 10%). Their seller stays NULL: what they printed was the
-- invalid placeholder T0000000000000, and no valid number is invented after the fact.
UPDATE "invoices" i SET
  "issue_date" = (i."issued_at" AT TIME ZONE 'Asia/Tokyo')::date,
  "buyer_name" = t."name",
  "tax_breakdown" = jsonb_build_array(jsonb_build_object('rateBps', 1000, 'taxable', i."subtotal", 'tax', i."tax"))
FROM "tenants" t WHERE t."id" = i."tenant_id";

-- Credit notes and receipts are tenant tables: RLS forced, the hotel reads its own. Issued
-- documents never change, and only HQ, jobs and webhooks (privileged) issue them: no write grant.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['credit_notes', 'receipts']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true))
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true))$p$, t);
  END LOOP;
END
$$;

GRANT SELECT ON "credit_notes", "receipts" TO omotenasu_app;
