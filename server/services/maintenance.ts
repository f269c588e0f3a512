// Housekeeping jobs.
import type { JobTx } from './jobs.ts'
import { purgeVendorRateBuckets } from './vendor-rate-limit.ts'

/** Forgets sign-in throttles whose window and lock ended more than a day ago, and idle vendor rate buckets. */
export async function purgeExpiredThrottles(
  tx: JobTx,
  now: Date,
): Promise<{ deleted: number; vendorRateBuckets: number }> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60_000)
  const { count } = await tx.authThrottle.deleteMany({
    where: { windowStartedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: cutoff } }] },
  })
  return { deleted: count, vendorRateBuckets: await purgeVendorRateBuckets(tx, now) }
}
