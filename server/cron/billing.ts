// Daily at 00:30 (Asia/Tokyo): issue every invoice whose period has started, once per day.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { issueDueInvoices } from '../services/billing'
import { runJobOnce } from '../services/jobs'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(() => '30 0 * * *', async () => {
  const now = new Date()
  const outcome = await runJobOnce(privilegedDb(), 'billing', periodKey(now, 'day'), () => issueDueInvoices(privilegedDb(), now))
  if (outcome.status === 'failed') console.error('[cron] billing failed:', outcome.error)
})
