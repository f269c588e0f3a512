// Every 5 minutes (Asia/Tokyo): pull room status and reservations for every active PMS connection,
// each exactly once per 5-minute slot across app instances (runJobOnce keyed on the connection and
// slot), then process any webhook a failed background run left behind. One connection's failure is
// recorded on it and does not stop the others.
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { runJobOnce } from '../services/jobs'
import { connectionsToSync, processWebhookEvents, syncConnection } from '../services/pms'
import { fiveMinuteSlot } from '../../shared/domain/schedule'

export default defineCronHandler(() => '*/5 * * * *', async () => {
  const now = new Date()
  for (const connection of await connectionsToSync()) {
    const outcome = await runJobOnce(privilegedDb(), `pms-sync:${connection.id}`, fiveMinuteSlot(now), async () => {
      try {
        const summary = await syncConnection(connection.tenantId, connection.vendor, { now })
        await processWebhookEvents(connection.tenantId)
        return { tenantId: connection.tenantId, vendor: connection.vendor, rooms: summary.rooms, reservations: summary.reservations, skipped: summary.skipped, delayMs: summary.delayMs }
      } catch (error) {
        // Recorded on the connection (with advice); the run itself is done for this slot.
        return { tenantId: connection.tenantId, vendor: connection.vendor, error: (error as Error).message }
      }
    })
    if (outcome.status === 'failed') console.error(`[cron] pms-sync ${connection.id} failed:`, outcome.error)
  }
})
