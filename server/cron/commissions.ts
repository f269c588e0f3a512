// Daily at 01:00 (Asia/Tokyo): commission records for every converted referral and billed month.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { recordDueCommissions } from '../services/commissions'
import { runJobOnce } from '../services/jobs'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(
  () => '0 1 * * *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'commissions', periodKey(now, 'day'), (tx) =>
      recordDueCommissions(tx, now),
    )
    if (outcome.status === 'failed') console.error('[cron] commissions failed:', outcome.error)
  },
)
