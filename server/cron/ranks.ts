// 1st of the month at 03:00 (Asia/Tokyo): agent rank evaluation, once per month.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { evaluateAgentRanks } from '../services/agents'
import { runJobOnce } from '../services/jobs'
import { periodKey } from '../../shared/domain/schedule'

export default defineCronHandler(
  () => '0 3 1 * *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'ranks', periodKey(now, 'month'), (tx) =>
      evaluateAgentRanks(tx, now),
    )
    if (outcome.status === 'failed') console.error('[cron] ranks failed:', outcome.error)
  },
)
