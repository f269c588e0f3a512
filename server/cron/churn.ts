// Daily at 04:00 (Asia/Tokyo): the churn-risk score of every active hotel, with HQ's tasks and the
// intervention mails. Once per business day across instances (runJobOnce: advisory lock + job_runs).
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { scoreChurnRisk } from '../services/churn'
import { runJobOnce } from '../services/jobs'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(
  () => '0 4 * * *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'churn', periodKey(now, 'day'), (tx) => scoreChurnRisk(tx, now))
    if (outcome.status === 'failed') console.error('[cron] churn failed:', outcome.error)
  },
)
