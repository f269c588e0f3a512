-- AlterTable
ALTER TABLE "referral_discounts" ADD COLUMN     "stripe_coupon_id" TEXT;

-- AlterTable
ALTER TABLE "sign_in_tokens" ALTER COLUMN "target_tenant_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "operating_company" TEXT;
