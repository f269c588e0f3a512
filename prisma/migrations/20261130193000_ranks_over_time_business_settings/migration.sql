-- Ranks over time: the month each rank change takes effect. Existing evaluations (run on the 1st
-- of the month after evaluated_month) take effect the month after that run; existing overrides took
-- effect at once, so from the Tokyo month they were made in.
ALTER TABLE "agent_rank_changes" ADD COLUMN     "effective_month" TEXT;
UPDATE "agent_rank_changes" SET "effective_month" = CASE
  WHEN "evaluated_month" IS NOT NULL THEN to_char(to_date("evaluated_month" || '-01', 'YYYY-MM-DD') + interval '2 months', 'YYYY-MM')
  ELSE to_char("created_at" AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') END;
ALTER TABLE "agent_rank_changes" ALTER COLUMN "effective_month" SET NOT NULL;

-- AlterTable
ALTER TABLE "referral_discounts" ADD COLUMN     "revoked_at" TIMESTAMPTZ(3),
ADD COLUMN     "revoked_months" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "business_settings" (
    "key" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    "created_by_user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_settings_pkey" PRIMARY KEY ("key","effective_from")
);

-- CreateIndex
CREATE INDEX "agent_rank_changes_agent_id_effective_month_idx" ON "agent_rank_changes"("agent_id", "effective_month");


-- DOMAIN.md's numbers, in force since before the first contract (shared/domain/business-rules.ts).
INSERT INTO "business_settings" ("key", "effective_from", "value", "note") VALUES
  ('cycle_discount_yearly', '2000-01-01', 1000, 'DOMAIN.md default'),
  ('cycle_discount_biennial', '2000-01-01', 2000, 'DOMAIN.md default'),
  ('customer_commission_rate', '2000-01-01', 500, 'DOMAIN.md default'),
  ('referral_commission_months', '2000-01-01', 12, 'DOMAIN.md default'),
  ('own_discount_rate', '2000-01-01', 1000, 'DOMAIN.md default'),
  ('own_discount_months', '2000-01-01', 6, 'DOMAIN.md default'),
  ('referral_discount_cap', '2000-01-01', 3000, 'DOMAIN.md default'),
  ('pms_default_commission_rate', '2000-01-01', 2000, 'DOMAIN.md default'),
  ('payout_minimum', '2000-01-01', 5000, 'DOMAIN.md default'),
  ('consumption_tax_rate', '2000-01-01', 1000, 'DOMAIN.md default');

-- Platform data, not a tenant table: HQ and the jobs read and write it through privilegedDb; the
-- app role gets nothing (the services read it with the privileged client).
REVOKE ALL ON "business_settings" FROM omotenasu_app;
