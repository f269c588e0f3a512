-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "commissions_recorded_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "commissions_recorded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "commission_job_state" (
    "id" TEXT NOT NULL,
    "through_month" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commission_job_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invoices_commissions_recorded_at_idx" ON "invoices"("commissions_recorded_at");

-- CreateIndex
CREATE INDEX "invoices_period_end_idx" ON "invoices"("period_end");

-- CreateIndex
CREATE INDEX "referrals_commissions_recorded_at_idx" ON "referrals"("commissions_recorded_at");

-- The job's cursor is platform data: only omotenasu_privileged (default privileges) touches it.
REVOKE ALL ON "commission_job_state" FROM omotenasu_app;

-- A marker means "the job has recorded this row's due months in its current status". Any status
-- change (an invoice paid again after a void, a referral converted again) clears it, whoever makes
-- the change, so the next run looks at the row again; the unique ledger key keeps that exact.
CREATE FUNCTION commissions_marker_reset() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.commissions_recorded_at := NULL;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER invoices_commissions_marker_reset BEFORE UPDATE OF "status" ON "invoices"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION commissions_marker_reset();

CREATE TRIGGER referrals_commissions_marker_reset BEFORE UPDATE OF "status" ON "referrals"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION commissions_marker_reset();
