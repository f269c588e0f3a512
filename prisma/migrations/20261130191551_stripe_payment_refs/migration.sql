-- Stripe as the source of truth (issue 10): a payment keeps Stripe's payment intent and charge, so an
-- HQ refund can be sent to Stripe on the right payment, and what Stripe refunded (our refund or one
-- made in Stripe's dashboard, via charge.refunded). payments already has the app role's table grant.
-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "refunded_amount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stripe_charge_id" TEXT,
ADD COLUMN     "stripe_payment_intent_id" TEXT,
ADD COLUMN     "stripe_refund_id" TEXT;

-- CreateIndex
CREATE INDEX "payments_stripe_payment_intent_id_idx" ON "payments"("stripe_payment_intent_id");
