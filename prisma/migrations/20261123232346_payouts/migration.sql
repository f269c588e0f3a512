-- CreateEnum
CREATE TYPE "payout_status" AS ENUM ('draft', 'paid');

-- CreateEnum
CREATE TYPE "bank_account_type" AS ENUM ('ordinary', 'current');

-- AlterTable
ALTER TABLE "referral_payments" ADD COLUMN     "payout_id" TEXT;

-- CreateTable
CREATE TABLE "payouts" (
    "id" TEXT NOT NULL,
    "payee_type" "referrer_type" NOT NULL,
    "payee_id" TEXT NOT NULL,
    "payee_name" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "registration_number" TEXT,
    "bank_account" JSONB,
    "status" "payout_status" NOT NULL DEFAULT 'draft',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMPTZ(3),

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payee_bank_accounts" (
    "payee_type" "referrer_type" NOT NULL,
    "payee_id" TEXT NOT NULL,
    "bank_code" CHAR(4) NOT NULL,
    "bank_name" TEXT NOT NULL,
    "branch_code" CHAR(3) NOT NULL,
    "branch_name" TEXT NOT NULL,
    "account_type" "bank_account_type" NOT NULL,
    "account_number" CHAR(7) NOT NULL,
    "holder_kana" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payee_bank_accounts_pkey" PRIMARY KEY ("payee_type","payee_id")
);

-- CreateIndex
CREATE INDEX "payouts_month_idx" ON "payouts"("month");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_payee_type_payee_id_month_key" ON "payouts"("payee_type", "payee_id", "month");

-- CreateIndex
CREATE INDEX "referral_payments_payout_id_idx" ON "referral_payments"("payout_id");
