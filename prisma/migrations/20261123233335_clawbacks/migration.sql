-- CreateTable
CREATE TABLE "payout_adjustments" (
    "id" TEXT NOT NULL,
    "payee_type" "referrer_type" NOT NULL,
    "payee_id" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "reason" TEXT NOT NULL,
    "referral_payment_id" TEXT NOT NULL,
    "applied_payout_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_adjustments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payout_adjustments_referral_payment_id_key" ON "payout_adjustments"("referral_payment_id");

-- CreateIndex
CREATE INDEX "payout_adjustments_payee_type_payee_id_idx" ON "payout_adjustments"("payee_type", "payee_id");
