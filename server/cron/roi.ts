// Sundays at 02:00 (Asia/Tokyo): ROI measurement of every hotel in its first 6 months, once per
// hotel and week, and the compensation cases of those below their guarantee.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { runJobOnce } from '../services/jobs'
import { measureRoi } from '../services/roi'
import { roiWeek } from '../../shared/domain/roi'

export default defineCronHandler(
  () => '0 2 * * 0',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'roi', roiWeek(now).weekStart, (tx) => measureRoi(tx, now))
    if (outcome.status === 'failed') console.error('[cron] roi failed:', outcome.error)
  },
)
