// Daily at 00:30 (Asia/Tokyo): issue every invoice whose period has started, once per day; then put
// any pending referral coupon on Stripe subscriptions (where Stripe is on).
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { issueDueInvoices } from '../services/billing'
import { applyDueReferralCoupons } from '../services/stripe-sync'
import { runJobOnce } from '../services/jobs'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(
  () => '30 0 * * *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'billing', periodKey(now, 'day'), () =>
      issueDueInvoices(privilegedDb(), now),
    )
    if (outcome.status === 'failed') console.error('[cron] billing failed:', outcome.error)
    await applyDueReferralCoupons() // retries any referral coupon a Stripe outage held back
  },
)
