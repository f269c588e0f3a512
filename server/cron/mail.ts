// Every minute (Asia/Tokyo), on every instance: deliver the outbox and turn unsent owner notices
// into mails. No job_runs row per minute: each message is claimed with FOR UPDATE SKIP LOCKED, so
// instances ticking together share the work and never send a message twice.
import { defineCronHandler } from '#nuxt/cron'
import { deliverPendingMail } from '../services/mail'

export default defineCronHandler(
  () => '* * * * *',
  async () => {
    try {
      const report = await deliverPendingMail()
      if (report.retrying || report.gaveUp)
        console.error(`[cron] mail: ${report.retrying} to retry, ${report.gaveUp} given up (see /hq/outbox)`)
    } catch (error) {
      console.error('[cron] mail failed:', (error as Error).message)
    }
  },
)
