// The per-credential rate limit toward PMS vendors, shared by every app instance through
// PostgreSQL: a token bucket per credential (capacity a quarter of the limit, refilled at three
// quarters of it), so any window of the vendor's length holds at most capacity + refill = the limit.
// One atomic statement per request takes a token, going into debt when none is left; a request in
// debt waits until its token would have arrived, so concurrent callers queue in order. Times come
// from the database's clock, the same for every instance.
import { privilegedDb } from '../db/index.ts'
import type { PrismaClient } from '../db/client.ts'
import type { RateLimit, RateLimiter } from '../pms/http.ts'

export function bucketFor(rate: RateLimit): { capacity: number; perMs: number } {
  const capacity = Math.max(1, Math.floor(rate.requests / 4))
  return { capacity, perMs: (rate.requests - capacity) / rate.perMs }
}

export function postgresRateLimiter(db: () => PrismaClient = privilegedDb): RateLimiter {
  return {
    async take(key, rate, sleep) {
      const { capacity, perMs } = bucketFor(rate)
      const [row] = await db().$queryRaw<{ tokens: number }[]>`
        INSERT INTO vendor_rate_buckets AS b (key, tokens, updated_at) VALUES (${key}, ${capacity - 1},
          clock_timestamp())
        ON CONFLICT (key) DO UPDATE SET
          tokens = LEAST(${capacity}::float8, b.tokens + EXTRACT(EPOCH FROM (clock_timestamp() - b.updated_at)) * 1000 *
            ${perMs}::float8) - 1,
          updated_at = clock_timestamp()
        RETURNING tokens`
      const debt = -Number(row!.tokens)
      if (debt > 0) await sleep(Math.ceil(debt / perMs))
    },
  }
}

let shared: RateLimiter | undefined
/** The limiter every connector of this process uses. */
export const vendorRateLimiter = () => (shared ??= postgresRateLimiter())

/** Forgets buckets idle for an hour (a full bucket and no row are the same). */
export async function purgeVendorRateBuckets(db: { $executeRaw: PrismaClient['$executeRaw'] }, now: Date) {
  return db.$executeRaw`DELETE FROM vendor_rate_buckets WHERE updated_at < ${new Date(now.getTime() - 3_600_000)}`
}
