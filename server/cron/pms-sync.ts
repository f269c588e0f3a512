// Every 5 minutes (Asia/Tokyo): pull room status and reservations for every active PMS connection,
// each exactly once per 5-minute slot across app instances (see runPmsSyncJob).
import { defineCronHandler } from '#nuxt/cron'
import { runPmsSyncJob } from '../services/pms'

export default defineCronHandler(
  () => '*/5 * * * *',
  async () => {
    // A database that is away is said in one line (the next tick retries), never an unhandled rejection.
    const { outcomes } = await runPmsSyncJob().catch((error: Error) => {
      console.error('[cron] pms-sync failed:', error.message.trim().split('\n').at(-1))
      return { outcomes: [] }
    })
    for (const { connection, outcome } of outcomes)
      if (outcome.status === 'failed') console.error(`[cron] pms-sync ${connection} failed:`, outcome.error)
  },
)
