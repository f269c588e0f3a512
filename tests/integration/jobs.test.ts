// Scheduled jobs run once per period: twice in a row, concurrently, and after a crash midway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runJobOnce } from '../../server/services/jobs'
import { purgeExpiredThrottles } from '../../server/services/maintenance'
import { testClients, uniq } from '../helpers/db'

let db: ReturnType<typeof testClients>
beforeAll(() => {
  db = testClients()
})
afterAll(async () => {
  await db.close()
})

describe('runJobOnce', () => {
  it('runs once; a second run of the same period does nothing', async () => {
    const job = uniq('job')
    let runs = 0
    const work = async () => {
      runs++
      return { runs }
    }
    expect(await runJobOnce(db.privileged, job, '2026-11-24', work)).toEqual({ status: 'ran', details: { runs: 1 } })
    expect(await runJobOnce(db.privileged, job, '2026-11-24', work)).toEqual({ status: 'already_done' })
    expect(runs).toBe(1)
    expect((await runJobOnce(db.privileged, job, '2026-11-25', work)).status).toBe('ran')
  })

  it('two instances ticking together: exactly one does the work', async () => {
    const job = uniq('job')
    let runs = 0
    const work = async () => {
      runs++
      await new Promise((r) => setTimeout(r, 200))
      return {}
    }
    const outcomes = await Promise.all([
      runJobOnce(db.privileged, job, 'p', work),
      runJobOnce(db.privileged, job, 'p', work),
    ])
    expect(runs).toBe(1)
    expect(outcomes.map((o) => o.status).sort()).toEqual(['busy', 'ran'])
    expect(await db.privileged.jobRun.count({ where: { job } })).toBe(1)
  })

  it('a crash midway leaves nothing written, is recorded as failed, and the retry completes', async () => {
    const job = uniq('job')
    const key = uniq('throttle')
    const crash = async (tx: Parameters<Parameters<typeof runJobOnce>[3]>[0]) => {
      await tx.authThrottle.create({ data: { key, failures: 1, windowStartedAt: new Date() } })
      throw new Error('power cut')
    }
    expect(await runJobOnce(db.privileged, job, 'p', crash)).toMatchObject({ status: 'failed', error: 'power cut' })
    expect(await db.privileged.authThrottle.count({ where: { key } })).toBe(0)
    expect(await db.privileged.jobRun.findUnique({ where: { job_periodKey: { job, periodKey: 'p' } } })).toMatchObject({
      status: 'failed',
      attempts: 1,
    })
    expect((await runJobOnce(db.privileged, job, 'p', async () => ({ ok: true }))).status).toBe('ran')
    expect(await db.privileged.jobRun.findUnique({ where: { job_periodKey: { job, periodKey: 'p' } } })).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    })
  })

  it('the throttle clean-up purges only stale entries', async () => {
    const now = new Date('2026-11-24T00:00:00Z')
    const stale = uniq('stale')
    const fresh = uniq('fresh')
    await db.privileged.authThrottle.createMany({
      data: [
        { key: stale, failures: 3, windowStartedAt: new Date('2026-11-20T00:00:00Z') },
        { key: fresh, failures: 3, windowStartedAt: new Date('2026-11-23T23:00:00Z') },
      ],
    })
    const outcome = await runJobOnce(db.privileged, uniq('cleanup'), 'p', (tx) => purgeExpiredThrottles(tx, now))
    expect(outcome.status).toBe('ran')
    expect(await db.privileged.authThrottle.count({ where: { key: { in: [stale, fresh] } } })).toBe(1)
    expect(await db.privileged.authThrottle.findUnique({ where: { key: fresh } })).not.toBeNull()
  })

  it('the same clean-up forgets vendor rate buckets idle for an hour', async () => {
    const now = new Date('2026-11-24T00:00:00Z')
    const idle = uniq('rate-idle')
    const busy = uniq('rate-busy')
    await db.privileged.vendorRateBucket.createMany({
      data: [
        { key: idle, tokens: 3, updatedAt: new Date(now.getTime() - 2 * 3_600_000) },
        { key: busy, tokens: 1, updatedAt: new Date(now.getTime() - 60_000) },
      ],
    })
    const outcome = await runJobOnce(db.privileged, uniq('cleanup'), 'p', (tx) => purgeExpiredThrottles(tx, now))
    expect(outcome).toMatchObject({ status: 'ran', details: { vendorRateBuckets: expect.any(Number) } })
    expect(
      (await db.privileged.vendorRateBucket.findMany({ where: { key: { in: [idle, busy] } } })).map((r) => r.key),
    ).toEqual([busy])
  })
})
