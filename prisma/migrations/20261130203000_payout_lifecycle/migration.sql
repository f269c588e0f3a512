-- Payout lifecycle (issue 10): draft → approved → exported (in a stored Zengin file) → transferred,
-- or returned by the bank. The old 'paid' status is what 'transferred' now names.
-- AlterEnum
BEGIN;
CREATE TYPE "payout_status_new" AS ENUM ('draft', 'approved', 'exported', 'transferred', 'returned');
ALTER TABLE "public"."payouts" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "payouts" ALTER COLUMN "status" TYPE "payout_status_new" USING ((CASE WHEN "status"::text = 'paid' THEN 'transferred' ELSE "status"::text END)::"payout_status_new");
ALTER TYPE "payout_status" RENAME TO "payout_status_old";
ALTER TYPE "payout_status_new" RENAME TO "payout_status";
DROP TYPE "public"."payout_status_old";
ALTER TABLE "payouts" ALTER COLUMN "status" SET DEFAULT 'draft';
COMMIT;

-- AlterTable
ALTER TABLE "payouts" ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "customer_code" SERIAL NOT NULL,
ADD COLUMN     "exported_at" TIMESTAMPTZ(3),
ADD COLUMN     "return_reason" TEXT,
ADD COLUMN     "returned_at" TIMESTAMPTZ(3),
ADD COLUMN     "zengin_file_id" TEXT;

-- AlterTable
ALTER TABLE "pms_vendors" ADD COLUMN     "qualified_invoice_number" TEXT;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "qualified_invoice_number" TEXT;

-- CreateTable
CREATE TABLE "zengin_files" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "transfer_date" DATE NOT NULL,
    "content" BYTEA NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "record_count" INTEGER NOT NULL,
    "total_amount" BIGINT NOT NULL,
    "created_by_user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zengin_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "zengin_files_month_sequence_key" ON "zengin_files"("month", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_customer_code_key" ON "payouts"("customer_code");

-- CreateIndex
CREATE INDEX "payouts_zengin_file_id_idx" ON "payouts"("zengin_file_id");

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_zengin_file_id_fkey" FOREIGN KEY ("zengin_file_id") REFERENCES "zengin_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The last line of defence, in the database (the schema engine cannot read table CHECK constraints,
-- so a trigger holds the rules): only a draft changes its amounts or is deleted; the status moves
-- only forward along the lifecycle; a payout's Zengin file never changes once set, and an exported
-- payout has one; a returned payout says why.
CREATE FUNCTION payouts_lifecycle_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'payout % is %: only a draft payout can be deleted', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.amount, NEW.tax, NEW.total, NEW.month, NEW.payee_type, NEW.payee_id, NEW.customer_code)
      IS DISTINCT FROM (OLD.amount, OLD.tax, OLD.total, OLD.month, OLD.payee_type, OLD.payee_id, OLD.customer_code) THEN
    RAISE EXCEPTION 'payout % is %: only a draft payout can change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
      (OLD.status = 'draft' AND NEW.status = 'approved') OR
      (OLD.status = 'approved' AND NEW.status IN ('draft', 'exported')) OR
      (OLD.status = 'exported' AND NEW.status IN ('transferred', 'returned')) OR
      (OLD.status = 'transferred' AND NEW.status = 'returned')) THEN
    RAISE EXCEPTION 'payout %: % → % is not a lifecycle step', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.zengin_file_id IS NOT NULL AND NEW.zengin_file_id IS DISTINCT FROM OLD.zengin_file_id THEN
    RAISE EXCEPTION 'payout % is already in Zengin file %', OLD.id, OLD.zengin_file_id USING ERRCODE = 'unique_violation';
  END IF;
  IF NEW.status = 'exported' AND NEW.zengin_file_id IS NULL THEN
    RAISE EXCEPTION 'payout %: an exported payout names its Zengin file', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'returned' AND (NEW.returned_at IS NULL OR NEW.return_reason IS NULL) THEN
    RAISE EXCEPTION 'payout %: a returned payout records when and why', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER payouts_lifecycle_guard BEFORE UPDATE OR DELETE ON "payouts"
  FOR EACH ROW EXECUTE FUNCTION payouts_lifecycle_guard();

-- zengin_files and payouts are HQ-only: read and written through privilegedDb, no app-role grant.
