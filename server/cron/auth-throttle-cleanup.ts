// Hourly at :05 (Asia/Tokyo): purge stale sign-in throttles and vendor rate buckets, once per hour.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { runJobOnce } from '../services/jobs'
import { purgeExpiredThrottles } from '../services/maintenance'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(
  () => '5 * * * *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'auth-throttle-cleanup', periodKey(now, 'hour'), (tx) =>
      purgeExpiredThrottles(tx, now),
    )
    if (outcome.status === 'failed') console.error('[cron] auth-throttle-cleanup failed:', outcome.error)
  },
)
