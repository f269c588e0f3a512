-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "tenant_status" AS ENUM ('active', 'past_due', 'suspended', 'cancelled');

-- CreateEnum
CREATE TYPE "billing_cycle" AS ENUM ('monthly', 'yearly', 'biennial');

-- CreateEnum
CREATE TYPE "membership_role" AS ENUM ('owner', 'manager', 'staff');

-- CreateEnum
CREATE TYPE "agent_rank" AS ENUM ('bronze', 'silver', 'gold', 'platinum', 'diamond');

-- CreateEnum
CREATE TYPE "agent_status" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "referrer_type" AS ENUM ('agent', 'customer', 'pms_vendor');

-- CreateEnum
CREATE TYPE "referral_status" AS ENUM ('pending', 'converted', 'cancelled');

-- CreateEnum
CREATE TYPE "commission_status" AS ENUM ('pending', 'paid', 'cancelled');

-- CreateEnum
CREATE TYPE "partnership_level" AS ENUM ('basic', 'preferred', 'strategic');

-- CreateEnum
CREATE TYPE "pms_feature" AS ENUM ('room_status', 'reservations');

-- CreateEnum
CREATE TYPE "pms_integration_status" AS ENUM ('pending', 'connected', 'error', 'disconnected');

-- CreateEnum
CREATE TYPE "room_status" AS ENUM ('clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied');

-- CreateEnum
CREATE TYPE "job_run_status" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "subscription_plans" (
    "id" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "monthly_price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "max_rooms" INTEGER NOT NULL,
    "features" TEXT[],
    "guarantee_days" INTEGER NOT NULL,
    "guaranteed_roi_bps" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_rank_settings" (
    "rank" "agent_rank" NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "first_year_margin_bps" INTEGER NOT NULL,
    "continuing_margin_bps" INTEGER NOT NULL,
    "annual_sales_requirement" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "benefits" TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_rank_settings_pkey" PRIMARY KEY ("rank")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" TEXT NOT NULL,
    "company_name" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "rank" "agent_rank" NOT NULL DEFAULT 'bronze',
    "territory" TEXT,
    "status" "agent_status" NOT NULL DEFAULT 'active',
    "qualified_invoice_number" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pms_vendors" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contact_name" TEXT,
    "contact_email" TEXT,
    "api_endpoint" TEXT,
    "commission_rate_bps" INTEGER NOT NULL DEFAULT 2000,
    "partnership_level" "partnership_level" NOT NULL DEFAULT 'basic',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pms_vendors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_hq_admin" BOOLEAN NOT NULL DEFAULT false,
    "agent_id" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'ja',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "pms_vendor_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_by_user_id" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referrals" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "referrer_type" "referrer_type" NOT NULL,
    "referrer_agent_id" TEXT,
    "referrer_tenant_id" TEXT,
    "referrer_pms_vendor_id" TEXT,
    "referred_tenant_id" TEXT,
    "status" "referral_status" NOT NULL DEFAULT 'pending',
    "campaign" TEXT,
    "notes" TEXT,
    "converted_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "tenant_id" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "period_key" TEXT NOT NULL,
    "status" "job_run_status" NOT NULL DEFAULT 'running',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "details" JSONB,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "auth_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "tenants" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "domain" TEXT,
    "name" TEXT NOT NULL,
    "status" "tenant_status" NOT NULL DEFAULT 'active',
    "plan_id" TEXT NOT NULL,
    "billing_cycle" "billing_cycle" NOT NULL DEFAULT 'monthly',
    "discount_rate_bps" INTEGER NOT NULL DEFAULT 0,
    "contract_start_date" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_settings" (
    "tenant_id" TEXT NOT NULL,
    "staff_hourly_cost" INTEGER NOT NULL DEFAULT 1800,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "minutes_saved_per_conversation" INTEGER NOT NULL DEFAULT 6,
    "notification_emails" TEXT[],
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenant_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "tenant_memberships" (
    "tenant_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "membership_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_memberships_pkey" PRIMARY KEY ("tenant_id","user_id")
);

-- CreateTable
CREATE TABLE "rooms" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "room_number" TEXT NOT NULL,
    "name" TEXT,
    "room_type" TEXT,
    "floor" INTEGER,
    "capacity" INTEGER NOT NULL DEFAULT 2,
    "status" "room_status" NOT NULL DEFAULT 'clean',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rooms_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pms_integrations" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "pms_vendor_id" TEXT NOT NULL,
    "feature" "pms_feature" NOT NULL,
    "status" "pms_integration_status" NOT NULL DEFAULT 'pending',
    "credentials_encrypted" BYTEA,
    "last_sync_at" TIMESTAMPTZ(3),
    "last_sync_delay_ms" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pms_integrations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "agent_sales" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "referral_id" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "contract_start_date" DATE NOT NULL,
    "monthly_fee" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_sales_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "referral_payments" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "referral_id" TEXT NOT NULL,
    "payment_month" DATE NOT NULL,
    "contract_month" INTEGER NOT NULL,
    "fee_attributable" INTEGER NOT NULL,
    "rate_bps" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'JPY',
    "status" "commission_status" NOT NULL DEFAULT 'pending',
    "paid_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_payments_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscription_plans_plan_code_key" ON "subscription_plans"("plan_code");

-- CreateIndex
CREATE UNIQUE INDEX "agents_territory_key" ON "agents"("territory");

-- CreateIndex
CREATE UNIQUE INDEX "pms_vendors_code_key" ON "pms_vendors"("code");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_agent_id_idx" ON "users"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "api_keys_pms_vendor_id_idx" ON "api_keys"("pms_vendor_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_code_key" ON "referrals"("code");

-- CreateIndex
CREATE INDEX "referrals_referrer_agent_id_idx" ON "referrals"("referrer_agent_id");

-- CreateIndex
CREATE INDEX "referrals_referrer_tenant_id_idx" ON "referrals"("referrer_tenant_id");

-- CreateIndex
CREATE INDEX "referrals_referrer_pms_vendor_id_idx" ON "referrals"("referrer_pms_vendor_id");

-- CreateIndex
CREATE INDEX "referrals_referred_tenant_id_idx" ON "referrals"("referred_tenant_id");

-- CreateIndex
CREATE INDEX "audit_logs_tenant_id_occurred_at_idx" ON "audit_logs"("tenant_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_logs_entity_entity_id_idx" ON "audit_logs"("entity", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_period_key_key" ON "job_runs"("job", "period_key");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_domain_key" ON "tenants"("domain");

-- CreateIndex
CREATE INDEX "tenant_memberships_user_id_idx" ON "tenant_memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "rooms_tenant_id_room_number_key" ON "rooms"("tenant_id", "room_number");

-- CreateIndex
CREATE INDEX "pms_integrations_pms_vendor_id_idx" ON "pms_integrations"("pms_vendor_id");

-- CreateIndex
CREATE UNIQUE INDEX "pms_integrations_tenant_id_pms_vendor_id_feature_key" ON "pms_integrations"("tenant_id", "pms_vendor_id", "feature");

-- CreateIndex
CREATE INDEX "agent_sales_agent_id_idx" ON "agent_sales"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_sales_tenant_id_referral_id_key" ON "agent_sales"("tenant_id", "referral_id");

-- CreateIndex
CREATE INDEX "referral_payments_referral_id_idx" ON "referral_payments"("referral_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_payments_tenant_id_referral_id_payment_month_key" ON "referral_payments"("tenant_id", "referral_id", "payment_month");

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_rank_fkey" FOREIGN KEY ("rank") REFERENCES "agent_rank_settings"("rank") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_pms_vendor_id_fkey" FOREIGN KEY ("pms_vendor_id") REFERENCES "pms_vendors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_agent_id_fkey" FOREIGN KEY ("referrer_agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_tenant_id_fkey" FOREIGN KEY ("referrer_tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_pms_vendor_id_fkey" FOREIGN KEY ("referrer_pms_vendor_id") REFERENCES "pms_vendors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_tenant_id_fkey" FOREIGN KEY ("referred_tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "subscription_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pms_integrations" ADD CONSTRAINT "pms_integrations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pms_integrations" ADD CONSTRAINT "pms_integrations_pms_vendor_id_fkey" FOREIGN KEY ("pms_vendor_id") REFERENCES "pms_vendors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_sales" ADD CONSTRAINT "agent_sales_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_sales" ADD CONSTRAINT "agent_sales_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_sales" ADD CONSTRAINT "agent_sales_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_payments" ADD CONSTRAINT "referral_payments_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_payments" ADD CONSTRAINT "referral_payments_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
