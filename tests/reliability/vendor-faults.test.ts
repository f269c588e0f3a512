// A PMS vendor (the fake Mews the app reaches as the vendor's endpoint) that answers 500, drops the
// connection or never answers. A passing fault is retried with backoff and the sync completes; a
// lasting one is given up on after its bounded retries, recorded on the connection (status error, the
// reason) and on the job's run that HQ lists (/hq/jobs). When the vendor is back, the next run brings
// every reservation made meanwhile: nothing lost, nothing stored twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { demoProperty, FAKE_CREDENTIALS, startFakePms, type FakePms } from '../helpers/fake-pms'
import { Client, hotelHost, rootHost } from '../helpers/http'
import { reportFigures } from './harness'

const db = e2eDb()
const figures = { requests: 0, faults: 0, rows: 0, lost: 0 }
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
const day = (n: number) => new Date(new Date(today).getTime() + n * 86_400_000).toISOString().slice(0, 10)
const ATTEMPTS = 5 // the first try and four retries (server/pms/http.ts)
let fake: FakePms
let hq: Client
let tenantId: string
let added = 0

beforeAll(async () => {
  fake = await startFakePms('mews', demoProperty('mews', today))
  await db.pmsVendor.update({ where: { code: 'mews' }, data: { apiEndpoint: fake.url } })
  const hotel = new Client(hotelHost('hotel-b'))
  await hotel.signIn('manager@hotel-b.example', 'hotel')
  const connected = await hotel.post('/api/v1/pms/integration/mews', FAKE_CREDENTIALS.mews)
  expect(connected.status).toBe(200)
  tenantId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })).id
  hq = new Client(rootHost())
  await hq.signIn('hq@omotenasu.example', 'hq')
})
afterAll(async () => {
  reportFigures('PMS vendor faults', figures)
  await fake.close()
  await db.$disconnect()
})

/** A guest books at the vendor: the next sync must bring it in, once. */
function bookAtVendor() {
  added++
  fake.reservations.push({
    id: `res-fault-${added}`,
    roomId: 'r-101',
    guestFirst: '太郎',
    guestLast: `障害${added}`,
    state: 'Confirmed',
    arrival: day(1 + added),
    departure: day(2 + added),
    updatedAt: new Date().toISOString(),
  })
}

async function runSync() {
  figures.requests++
  const before = fake.requests.length
  const reply = await hq.post('/api/v1/hq/jobs/pms-sync/run')
  expect(reply.status).toBe(200)
  const requests = fake.requests.slice(before)
  figures.requests += requests.length
  return { reply, requests }
}

async function expectEveryReservationOnce() {
  const stored = await db.pmsReservation.findMany({ where: { tenantId }, select: { externalId: true } })
  const ids = stored.map((r) => r.externalId)
  expect(new Set(ids).size, 'no reservation stored twice').toBe(ids.length)
  const missing = fake.reservations.filter((r) => !ids.includes(r.id))
  expect(
    missing.map((r) => r.id),
    'no reservation lost',
  ).toEqual([])
  figures.rows += ids.length
  figures.lost += missing.length
}

const connection = () => db.pmsIntegration.findFirstOrThrow({ where: { tenantId, feature: 'room_status' } })

describe('a PMS vendor that fails', () => {
  it('once each way (500, dropped connection, no answer): retried with backoff, the sync completes', async () => {
    bookAtVendor()
    Object.assign(fake.knobs, { errorStatus: 500, serverErrors: 1, drops: 1, hangs: 1 })
    const started = Date.now()
    const { requests } = await runSync()
    figures.faults += 3
    expect(Object.values({ s: fake.knobs.serverErrors, d: fake.knobs.drops, h: fake.knobs.hangs })).toEqual([0, 0, 0])
    expect((await connection()).status).toBe('connected')
    // The three failed attempts came back as retries, each after a pause (250 ms, 500 ms, 1 s … ± 20%)
    // or, for the one that never answered, after the 2 s timeout the harness sets.
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at)
    expect(gaps.filter((g) => g >= 190).length).toBeGreaterThanOrEqual(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000)
    await expectEveryReservationOnce()
  })

  for (const mode of ['500', 'dropped connection', 'no answer'] as const) {
    it(`lasting (${mode}): bounded retries, failed on the connection and in HQ's job runs, caught up`, async () => {
      bookAtVendor()
      const many = 1_000
      Object.assign(
        fake.knobs,
        mode === '500'
          ? { errorStatus: 500, serverErrors: many }
          : mode === 'no answer'
            ? { hangs: many }
            : { drops: many },
      )
      const { reply, requests } = await runSync()
      const failedAttempts = requests.length
      Object.assign(fake.knobs, { serverErrors: 0, drops: 0, hangs: 0 })
      figures.faults += failedAttempts
      expect(failedAttempts, 'the first request and its four retries, then it gives up').toBe(ATTEMPTS)
      const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at)
      if (mode !== 'no answer') expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!) // backoff grows
      const conn = await connection()
      expect(conn.status).toBe('error')
      expect(conn.lastError).toMatch(mode === 'no answer' ? /did not answer within 2 s after 5 attempts/ : /5 attempts/)
      // HQ sees it: the run of this connection in /api/v1/hq/job-runs carries the error.
      const runs = (await hq.get(`/api/v1/hq/job-runs?job=${encodeURIComponent(`pms-sync:${conn.id}`)}`)).body as {
        items: { status: string; error: string | null }[]
      }
      expect(runs.items[0]).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^mews: Mews .*5 attempts/),
      })
      expect(reply.body).toMatchObject({ status: 'ran', details: { connections: 1, ran: 0 } })

      // The vendor is back: the next run brings what was booked meanwhile, once.
      await runSync()
      expect((await connection()).status).toBe('connected')
      await expectEveryReservationOnce()
    })
  }
})
