// The pms-sync job (every 5 minutes) over every active connection.
import { privilegedDb } from '../../db/index.ts'
import type { PmsVendorCode } from '../../../shared/domain/pms.ts'
import { fiveMinuteSlot } from '../../../shared/domain/schedule.ts'
import { failStalledRuns, runJobClaimed, type JobOutcome } from '../jobs.ts'
import type { SyncOptions } from './common.ts'
import { syncConnection } from './sync.ts'
import { processWebhookEvents } from './webhooks.ts'

/** Every connection the pull job visits: connected or erring, with credentials. */
export async function connectionsToSync() {
  const rows = await privilegedDb().pmsIntegration.findMany({
    where: { feature: 'room_status', status: { in: ['connected', 'error'] }, credentialsEncrypted: { not: null } },
    include: { pmsVendor: { select: { code: true } } },
  })
  return rows.map((r) => ({ id: r.id, tenantId: r.tenantId, vendor: r.pmsVendor.code as PmsVendorCode }))
}

/**
 * The pms-sync job (every 5 minutes): each active connection pulled exactly once per 5-minute slot
 * across app instances (runJobClaimed keyed on the connection and the slot), then any webhook a failed
 * background run left behind. One connection's failure is recorded on it and stops no other.
 * `slot` is the period key: the 5-minute slot for the schedule, a unique key for HQ's "run now".
 */
export async function runPmsSyncJob(now = new Date(), slot = fiveMinuteSlot(now), opts: SyncOptions = {}) {
  const outcomes: { connection: string; outcome: JobOutcome }[] = []
  await failStalledRuns(privilegedDb(), 'pms-sync:') // a crashed instance's run of a past slot
  for (const connection of await connectionsToSync()) {
    // Claimed, then synced with no transaction open while the vendor answers, then recorded.
    const outcome = await runJobClaimed(privilegedDb(), `pms-sync:${connection.id}`, slot, async () => {
      try {
        const summary = await syncConnection(connection.tenantId, connection.vendor, { ...opts, now })
        await processWebhookEvents(connection.tenantId, opts)
        return {
          tenantId: connection.tenantId,
          vendor: connection.vendor,
          rooms: summary.rooms,
          reservations: summary.reservations,
          skipped: summary.skipped,
          delayMs: summary.delayMs,
        }
      } catch (error) {
        // Recorded on the connection (with advice), and thrown on so that the run is recorded as failed
        // with the reason HQ reads at /hq/jobs (a success with the error tucked in its details hid it).
        throw new Error(`${connection.vendor}: ${(error as Error).message}`, { cause: error })
      }
    })
    outcomes.push({ connection: connection.id, outcome })
  }
  return { connections: outcomes.length, ran: outcomes.filter((o) => o.outcome.status === 'ran').length, outcomes }
}
