// The production PMS connectors against local fake Mews, Cloudbeds and OPERA servers, on a real
// database: connect (credentials checked, sealed), full and incremental sync, paging, 429 with
// Retry-After, 5xx retries, expired tokens, malformed records, cancellations and deletions,
// webhooks and their replays, and credentials that never leave the server.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenantDb } from '../../server/db/index'
import { DomainError } from '../../server/lib/errors'
import { open } from '../../server/lib/secret-box'
import { createVendorHttp } from '../../server/pms/http'
import { createConnector } from '../../server/pms/index'
import {
  connectPms,
  disconnectPms,
  pmsOverview,
  processWebhookEvents,
  receiveWebhook,
  syncConnection,
  syncNow,
} from '../../server/services/pms'
import type { PmsVendorCode } from '../../shared/domain/pms'
import { demoProperty, FAKE_CREDENTIALS, startFakePms, type FakePms } from '../helpers/fake-pms'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
const KEY = randomBytes(32)
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
const waits: number[] = []
/** Records the waits the connectors ask for and sleeps a token amount, so tests stay quick. */
const sleep = async (ms: number) => {
  waits.push(ms)
  await new Promise((r) => setTimeout(r, Math.min(ms, 5)))
}
const fakes = new Map<PmsVendorCode, FakePms>()

beforeAll(async () => {
  process.env.PMS_CREDENTIALS_KEY = KEY.toString('base64')
  for (const vendor of ['mews', 'cloudbeds', 'opera'] as const) {
    const fake = await startFakePms(vendor, demoProperty(vendor, today))
    fakes.set(vendor, fake)
    await db.privileged.pmsVendor.upsert({
      where: { code: vendor },
      create: { code: vendor, name: vendor, apiEndpoint: fake.url },
      update: { apiEndpoint: fake.url, active: true },
    })
  }
})
afterAll(async () => {
  for (const fake of fakes.values()) await fake.close()
})

async function hotel(planCode = 'OMOTENASU_PROFESSIONAL') {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({ data: { slug: uniq('pms'), name: 'PMS Hotel', planId: plan.id } })
  return { tenant, db: tenantDb(tenant.id) }
}

const roomsOf = async (tenantId: string) =>
  Object.fromEntries((await db.privileged.room.findMany({ where: { tenantId } })).map((r) => [r.roomNumber, r.status]))
const reservationsOf = async (tenantId: string) =>
  Object.fromEntries(
    (await db.privileged.pmsReservation.findMany({ where: { tenantId } })).map((r) => [
      r.externalId,
      { status: r.status, room: r.roomExternalId, guest: r.guestName },
    ]),
  )

describe.each(['mews', 'cloudbeds', 'opera'] as const)('%s connector', (vendor) => {
  const fake = () => fakes.get(vendor)!
  const secrets: string[] = Object.values(FAKE_CREDENTIALS[vendor]).filter((v) => v.length > 6)
  if (vendor === 'opera')
    secrets.push(
      Buffer.from(`${FAKE_CREDENTIALS.opera.clientId}:${FAKE_CREDENTIALS.opera.clientSecret}`).toString('base64'),
    )

  it('refuses wrong credentials with a clear 400 and stores nothing', async () => {
    const h = await hotel()
    const wrong = {
      ...FAKE_CREDENTIALS[vendor],
      ...(vendor === 'mews'
        ? { accessToken: 'wrong-token' }
        : vendor === 'cloudbeds'
          ? { apiKey: 'wrong-key' }
          : { clientSecret: 'wrong-secret' }),
    }
    const error = await connectPms(h.db, vendor, wrong as never, { sleep }).catch((e) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/refused these credentials/) })
    expect(await db.privileged.pmsIntegration.count({ where: { tenantId: h.tenant.id } })).toBe(0)
  })

  it('connects: checks the credentials, seals them, and the first full sync fills rooms and reservations', async () => {
    const h = await hotel()
    const result = await connectPms(h.db, vendor, { ...FAKE_CREDENTIALS[vendor] } as never, { sleep, pageSize: 2 })
    expect(result).toMatchObject({ status: 'connected', vendor, features: ['room_status', 'reservations'] })
    expect(result.sync).toMatchObject({ rooms: 6, reservations: 3, skipped: 0 })
    expect(result.sync!.requests).toBeGreaterThan(3) // paged two by two
    expect(await roomsOf(h.tenant.id)).toEqual({
      101: 'clean',
      102: 'dirty',
      103: 'inspected',
      201: 'occupied',
      202: 'out_of_order',
      203: 'out_of_service',
    })
    const roomId = (n: string) => (vendor === 'opera' ? n : `r-${n}`) // OPERA names rooms by number
    expect(await reservationsOf(h.tenant.id)).toMatchObject({
      'res-1': { status: 'checked_in', room: roomId('201'), guest: '山田 花子' },
      'res-2': { status: 'confirmed', room: roomId('101') },
      'res-3': { status: 'cancelled' },
    })

    // Sealed with AES-256-GCM: no secret in the stored bytes, bound to this hotel and vendor.
    const rows = await db.privileged.pmsIntegration.findMany({ where: { tenantId: h.tenant.id } })
    expect(rows.map((r) => r.feature).sort()).toEqual(['reservations', 'room_status'])
    const sealed = Buffer.from(rows[0]!.credentialsEncrypted!)
    for (const s of secrets) expect(sealed.includes(Buffer.from(s))).toBe(false)
    expect(JSON.parse(open(KEY, sealed, `pms:${h.tenant.id}:${vendor}`))).toEqual(FAKE_CREDENTIALS[vendor])
    expect(() => open(KEY, sealed, `pms:another-tenant:${vendor}`)).toThrow(/does not open/)
    // The hotel's own view never carries them.
    const overview = JSON.stringify(await pmsOverview(h.db, today))
    for (const s of secrets) expect(overview).not.toContain(s)
    expect(JSON.parse(overview).rooms.find((r: { roomNumber: string }) => r.roomNumber === '201').guest).toMatchObject({
      name: '山田 花子',
      status: 'checked_in',
    })
    // The vendor's name comes from platform data the app role cannot read (privilegedDb).
    expect(JSON.parse(overview).connection).toMatchObject({ vendor, vendorName: vendor, status: 'connected' })
    // "Sync now" through the hotel's own client, as its route does.
    expect(await syncNow(h.db)).toMatchObject({ vendor, rooms: 6 })
  })

  it('pulls again: changes, cancellations and deleted rooms; incremental where the vendor allows', async () => {
    const h = await hotel()
    await connectPms(h.db, vendor, { ...FAKE_CREDENTIALS[vendor] } as never, { sleep })
    const f = fake()
    const saved = structuredClone({ rooms: f.rooms, reservations: f.reservations })
    try {
      const later = new Date(Date.now() + 1_000).toISOString()
      f.rooms.find((r) => r.id === 'r-102')!.state = demoProperty(vendor, today).rooms[0]!.state // dirty → clean
      f.rooms.find((r) => r.id === 'r-102')!.updatedAt = later
      f.rooms = f.rooms.filter((r) => r.id !== 'r-203') // deleted in the PMS
      const cancelled = demoProperty(vendor, today).reservations[2]!.state
      Object.assign(
        f.reservations.find((r) => r.id === 'res-2')!,
        { state: cancelled, updatedAt: later },
      )
      const mark = f.requests.length
      const summary = await syncConnection(h.tenant.id, vendor, { sleep, now: new Date(Date.now() + 2_000) })
      expect(summary.incremental).toBe(vendor !== 'opera')
      if (vendor === 'mews') expect(f.requests.slice(mark).some((r) => r.body.includes('UpdatedUtc'))).toBe(true)
      if (vendor === 'cloudbeds') expect(f.requests.slice(mark).some((r) => r.query.has('modifiedFrom'))).toBe(true)
      expect(summary.removedRooms).toBe(1)
      const rooms = await roomsOf(h.tenant.id)
      expect(rooms['102']).toBe('clean')
      expect(rooms['203']).toBeUndefined()
      expect((await reservationsOf(h.tenant.id))['res-2']).toMatchObject({ status: 'cancelled' })
      const row = await db.privileged.pmsIntegration.findFirstOrThrow({
        where: { tenantId: h.tenant.id, feature: 'room_status' },
      })
      expect(row.lastSyncDelayMs).not.toBeNull()
      // A replayed pull changes nothing.
      const before = await db.privileged.room.findMany({
        where: { tenantId: h.tenant.id },
        orderBy: { roomNumber: 'asc' },
        select: { id: true, roomNumber: true, status: true },
      })
      await syncConnection(h.tenant.id, vendor, { sleep, now: new Date(Date.now() + 3_000) })
      expect(
        await db.privileged.room.findMany({
          where: { tenantId: h.tenant.id },
          orderBy: { roomNumber: 'asc' },
          select: { id: true, roomNumber: true, status: true },
        }),
      ).toEqual(before)
    } finally {
      Object.assign(f, saved)
    }
  })

  it(`waits out 429s (Retry-After) and 5xx, reports malformed records and goes on, and records a failure with \
advice`, async () => {
    const h = await hotel()
    await connectPms(h.db, vendor, { ...FAKE_CREDENTIALS[vendor] } as never, { sleep })
    const f = fake()
    f.knobs.tooManyRequests = 2
    f.knobs.retryAfter = '3'
    waits.length = 0
    const ok = await syncConnection(h.tenant.id, vendor, { sleep })
    expect(ok.rateLimited).toBe(2)
    expect(waits.filter((w) => w === 3_000)).toHaveLength(2)

    f.knobs.serverErrors = 2
    expect((await syncConnection(h.tenant.id, vendor, { sleep })).retries).toBeGreaterThanOrEqual(2)

    const junk = {
      mews: [{ Id: 'bad-1', Name: '999', State: 'Sparkling' }, { Name: 'no id' }],
      cloudbeds: [{ roomID: 'bad-1', roomName: '999', roomCondition: 'sparkling' }, { roomName: 'no id' }],
      opera: [
        { roomId: 'bad-1', housekeeping: { housekeepingRoomStatus: { housekeepingRoomStatus: 'Sparkling' } } },
        { housekeeping: {} },
      ],
    }[vendor]
    f.junkRooms.push(...junk)
    f.junkReservations.push({ broken: true })
    try {
      const partial = await syncConnection(h.tenant.id, vendor, { sleep, full: true })
      expect(partial.skipped).toBe(3)
      expect(partial.skippedRecords.map((s) => s.reason).join(' | ')).toMatch(/unknown/i)
      expect(partial.rooms).toBe(6)
      expect(Object.keys(await roomsOf(h.tenant.id))).not.toContain('999')
    } finally {
      f.junkRooms.length = 0
      f.junkReservations.length = 0
    }

    // A vendor that echoes our request in its error: the credentials are blanked before anything is kept.
    f.knobs.echoRejects = 1
    const echoed = await syncConnection(h.tenant.id, vendor, { sleep }).catch((e: Error) => e)
    expect(echoed).toBeInstanceOf(Error)
    const afterEcho = await db.privileged.pmsIntegration.findFirstOrThrow({
      where: { tenantId: h.tenant.id, feature: 'room_status' },
    })
    expect(afterEcho.lastError).toMatch(/rejected the request/)
    expect(afterEcho.lastErrorKind).toBe('rejected') // the PMS page explains it in the reader's language
    for (const s of secrets) {
      expect((echoed as Error).message).not.toContain(s)
      expect(afterEcho.lastError).not.toContain(s)
    }

    f.knobs.serverErrors = 50
    await expect(syncConnection(h.tenant.id, vendor, { sleep })).rejects.toThrow(/unavailable/)
    f.knobs.serverErrors = 0
    const failed = await db.privileged.pmsIntegration.findFirstOrThrow({
      where: { tenantId: h.tenant.id, feature: 'room_status' },
    })
    expect(failed).toMatchObject({ status: 'error', consecutiveFailures: 2 })
    expect(failed).toMatchObject({ lastErrorKind: 'unavailable', lastError: expect.stringMatching(/unavailable/) })
    for (const s of secrets) expect(failed.lastError).not.toContain(s)
    await syncConnection(h.tenant.id, vendor, { sleep })
    expect(
      await db.privileged.pmsIntegration.findFirstOrThrow({ where: { tenantId: h.tenant.id, feature: 'room_status' } }),
    ).toMatchObject({ status: 'connected', consecutiveFailures: 0, lastError: null, lastErrorKind: null })
  })

  it(`takes webhooks with the connection's secret only, processes them by fetching from the vendor, and replays \
safely`, async () => {
    const h = await hotel()
    const { webhookSecret } = await connectPms(h.db, vendor, { ...FAKE_CREDENTIALS[vendor] } as never, { sleep })
    const f = fake()
    const payload = {
      mews: {
        EnterpriseId: 'ent-omotenasu-1',
        Events: [
          { Discriminator: 'ResourceUpdated', Value: { Id: 'r-103' } },
          { Discriminator: 'ServiceOrderUpdated', Value: { Id: 'res-2' } },
        ],
      },
      cloudbeds: {
        version: '1.0',
        event: 'reservation/status_changed',
        propertyID: 4242,
        reservationID: 'res-2',
        status: 'checked_in',
        timestamp: Date.now() / 1000,
      },
      opera: { hotelId: 'OMO01', eventName: 'CHECK IN', timestamp: new Date().toISOString() },
    }[vendor]
    await expect(receiveWebhook(vendor, 'not-the-secret', payload)).rejects.toMatchObject({ kind: 'invalid' })
    await expect(receiveWebhook(vendor === 'mews' ? 'opera' : 'mews', webhookSecret, payload)).rejects.toMatchObject({
      kind: 'invalid',
    })
    const other = {
      mews: { EnterpriseId: 'someone-else', Events: [] },
      cloudbeds: { event: 'reservation/created', propertyID: 1 },
      opera: { hotelId: 'OTHER', eventName: 'NEW RESERVATION' },
    }[vendor]
    await expect(receiveWebhook(vendor, webhookSecret, other)).rejects.toThrow(/not the connected one/)

    const saved = structuredClone(f.reservations)
    try {
      Object.assign(
        f.reservations.find((r) => r.id === 'res-2')!,
        { state: demoProperty(vendor, today).reservations[0]!.state, updatedAt: new Date().toISOString() },
      )
      const stored = await receiveWebhook(vendor, webhookSecret, payload)
      expect(stored.tenantId).toBe(h.tenant.id)
      expect(await processWebhookEvents(h.tenant.id, { sleep })).toEqual({ processed: 1 })
      expect((await reservationsOf(h.tenant.id))['res-2']).toMatchObject({ status: 'checked_in' })
      expect((await roomsOf(h.tenant.id))['101']).toBe('occupied')
      const row = await db.privileged.pmsIntegration.findFirstOrThrow({
        where: { tenantId: h.tenant.id, feature: 'room_status' },
      })
      expect(row.lastSyncDelayMs).toBeLessThan(60_000) // seconds, not the 5-minute pull
      // The same webhook again: stored, processed, nothing changes.
      const snapshot = await reservationsOf(h.tenant.id)
      await receiveWebhook(vendor, webhookSecret, payload)
      expect(await processWebhookEvents(h.tenant.id, { sleep })).toEqual({ processed: 1 })
      expect(await reservationsOf(h.tenant.id)).toEqual(snapshot)
      expect(await processWebhookEvents(h.tenant.id, { sleep })).toEqual({ processed: 0 })
      // Two processors at once (two instances, or the job and the background run): one takes it.
      await receiveWebhook(vendor, webhookSecret, payload)
      const both = await Promise.all([
        processWebhookEvents(h.tenant.id, { sleep }),
        processWebhookEvents(h.tenant.id, { sleep }),
      ])
      expect(both.map((r) => r.processed).sort()).toEqual([0, 1])
      expect(await db.privileged.pmsWebhookEvent.count({ where: { tenantId: h.tenant.id, processedAt: null } })).toBe(0)
      expect(
        await db.privileged.pmsWebhookEvent.findMany({ where: { tenantId: h.tenant.id }, select: { attempts: true } }),
      ).toEqual([{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }])
    } finally {
      f.reservations = saved
    }
  })
})

describe('connections', () => {
  it('OPERA renews an expired token on 401 and carries on', async () => {
    const f = fakes.get('opera')!
    const connector = createConnector('opera', { ...FAKE_CREDENTIALS.opera }, { baseUrl: f.url, sleep })
    const issued = f.tokensIssued
    expect((await connector.rooms()).records).toHaveLength(6)
    expect(f.tokensIssued).toBe(issued + 1)
    f.expireTokens() // as when its lifetime ends early (revoked, clock skew)
    expect((await connector.rooms()).records).toHaveLength(6)
    expect(f.tokensIssued).toBe(issued + 2)
    expect(connector.stats.reauthenticated).toBe(1)
    // Wrong secret: the renewal itself is refused, and that is an auth error, not a loop.
    const wrong = createConnector(
      'opera',
      { ...FAKE_CREDENTIALS.opera, clientSecret: 'nope-nope' },
      { baseUrl: f.url, sleep },
    )
    await expect(wrong.rooms()).rejects.toMatchObject({ kind: 'auth' })
  })

  it(`one PMS per hotel; unsupported vendors get the supported list; disconnect removes credentials and \
guests`, async () => {
    const h = await hotel()
    await expect(connectPms(h.db, 'protel', {} as never)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/Unsupported PMS vendor "protel". Supported: cloudbeds, mews, opera/),
      data: { supported: ['cloudbeds', 'mews', 'opera'] },
    })
    await connectPms(h.db, 'mews', { ...FAKE_CREDENTIALS.mews }, { sleep })
    await expect(connectPms(h.db, 'cloudbeds', { ...FAKE_CREDENTIALS.cloudbeds }, { sleep })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/connected to mews\. Disconnect it before/),
    })
    await disconnectPms(h.db, 'mews')
    const rows = await db.privileged.pmsIntegration.findMany({ where: { tenantId: h.tenant.id } })
    expect(
      rows.every((r) => r.status === 'disconnected' && r.credentialsEncrypted === null && r.webhookSecretHash === null),
    ).toBe(true)
    expect(await db.privileged.pmsReservation.count({ where: { tenantId: h.tenant.id } })).toBe(0)
    // the rooms are still the hotel's
    expect(await db.privileged.room.count({ where: { tenantId: h.tenant.id } })).toBe(6)
    await expect(syncConnection(h.tenant.id, 'mews', { sleep })).rejects.toMatchObject({ kind: 'not_found' })
    // Now another vendor may connect, and adopts the rooms by number.
    await connectPms(h.db, 'cloudbeds', { ...FAKE_CREDENTIALS.cloudbeds }, { sleep })
    expect(await db.privileged.room.count({ where: { tenantId: h.tenant.id } })).toBe(6)
  })

  it(`a first sync that fails still leaves a working connection, with the error and advice recorded; a lost key asks \
to reconnect`, async () => {
    const h = await hotel()
    const f = fakes.get('cloudbeds')!
    f.knobs.failPaths = ['getHousekeepingStatus'] // the credentials check passes, the sync cannot read rooms
    let outcome
    try {
      outcome = await connectPms(h.db, 'cloudbeds', { ...FAKE_CREDENTIALS.cloudbeds }, { sleep })
    } finally {
      f.knobs.failPaths = []
    }
    expect(outcome).toMatchObject({
      status: 'connected',
      sync: null,
      syncError: { kind: 'unavailable', message: expect.stringMatching(/unavailable/) },
    })
    expect(
      await db.privileged.pmsIntegration.findFirstOrThrow({ where: { tenantId: h.tenant.id, feature: 'room_status' } }),
    ).toMatchObject({ status: 'error', consecutiveFailures: 1 })
    expect((await syncConnection(h.tenant.id, 'cloudbeds', { sleep })).rooms).toBe(6) // the next run recovers

    // The server's key changed: the saved credentials no longer open, and the hotel is told to reconnect.
    const saved = process.env.PMS_CREDENTIALS_KEY
    process.env.PMS_CREDENTIALS_KEY = randomBytes(32).toString('base64')
    try {
      await expect(syncConnection(h.tenant.id, 'cloudbeds', { sleep })).rejects.toMatchObject({
        kind: 'conflict',
        message: expect.stringMatching(/Reconnect the PMS/),
      })
    } finally {
      process.env.PMS_CREDENTIALS_KEY = saved
    }
  })

  it("rooms past the plan's limit are skipped and reported, not created", async () => {
    const h = await hotel('LEISURE_ECONOMY') // 30 rooms
    const f = fakes.get('cloudbeds')!
    const saved = f.rooms
    f.rooms = Array.from({ length: 35 }, (_, i) => ({
      id: `big-${i}`,
      number: String(1000 + i),
      state: 'clean',
      updatedAt: new Date().toISOString(),
    }))
    try {
      const { sync } = await connectPms(h.db, 'cloudbeds', { ...FAKE_CREDENTIALS.cloudbeds }, { sleep, pageSize: 10 })
      expect(sync!.rooms).toBe(30)
      expect(sync!.skipped).toBe(5)
      expect(sync!.skippedRecords[0]!.reason).toMatch(/covers 30 rooms/)
    } finally {
      f.rooms = saved
    }
  })

  it('keeps a credential under its limit across app instances (the limiter lives in PostgreSQL)', async () => {
    const { postgresRateLimiter, bucketFor } = await import('../../server/services/vendor-rate-limit')
    // Mews: bursts of 37, ≤ 150 in any 30 s
    expect(bucketFor({ requests: 150, perMs: 30_000 })).toEqual({ capacity: 37, perMs: 113 / 30_000 })
    expect(bucketFor({ requests: 4, perMs: 1_000 })).toEqual({ capacity: 1, perMs: 3 / 1_000 }) // Cloudbeds
    const rate = { requests: 4, perMs: 400 }
    const key = uniq('shared')
    const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
    const instances = [postgresRateLimiter(), postgresRateLimiter()] // two processes' limiters, one table
    const stamps: number[] = []
    const started = Date.now()
    await Promise.all(
      instances.map(async (limiter) => {
        for (let i = 0; i < 5; i++) {
          await limiter.take(key, rate, realSleep)
          stamps.push(Date.now() - started)
        }
      }),
    )
    stamps.sort((a, b) => a - b)
    expect(stamps).toHaveLength(10)
    // never 5 within one window (slack for query time)
    for (let i = 4; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 4]!).toBeGreaterThanOrEqual(360)
  })

  it('keeps each credential under its rate limit', async () => {
    const f = fakes.get('mews')!
    const http = createVendorHttp({
      vendor: 'Mews',
      baseUrl: f.url,
      rateKey: uniq('rate'),
      rate: { requests: 3, perMs: 300 },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    })
    const mark = f.requests.length
    for (let i = 0; i < 7; i++) {
      await http.request({
        method: 'POST',
        path: 'api/connector/v1/configuration/get',
        json: { ClientToken: FAKE_CREDENTIALS.mews.clientToken, AccessToken: FAKE_CREDENTIALS.mews.accessToken },
      })
    }
    const arrivals = f.requests.slice(mark).map((r) => r.at)
    expect(arrivals).toHaveLength(7)
    // No 300 ms window holds more than 3 arrivals (a few ms of slack for the loopback's jitter;
    // without the limiter all seven arrive within a few ms).
    for (let i = 3; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 3]!).toBeGreaterThanOrEqual(250)
  })
})

describe('occupancy', () => {
  it(`a guest checking in makes the room occupied; checking out leaves it dirty; a pull with nothing changed rewrites \
nothing`, async () => {
    const { pushReservations, pushRooms } = await import('../../server/services/pms')
    const h = await hotel()
    await connectPms(h.db, 'mews', { ...FAKE_CREDENTIALS.mews }, { sleep })
    const vendor = await db.privileged.pmsVendor.findUniqueOrThrow({ where: { code: 'mews' } })
    const slug = h.tenant.slug
    await pushReservations(vendor.id, slug, [
      {
        externalId: 'walk-in',
        roomExternalId: 'r-103',
        guestName: 'Walk In',
        arrival: today,
        departure: today,
        status: 'checked_in',
      },
    ])
    expect((await roomsOf(h.tenant.id))['103']).toBe('occupied')
    await pushReservations(vendor.id, slug, [
      {
        externalId: 'walk-in',
        roomExternalId: 'r-103',
        guestName: 'Walk In',
        arrival: today,
        departure: today,
        status: 'checked_out',
      },
    ])
    expect((await roomsOf(h.tenant.id))['103']).toBe('dirty')
    // A room the vendor reports occupied stays so, with or without a reservation we know of.
    await pushRooms(vendor.id, slug, [{ externalId: 'r-102', roomNumber: '102', status: 'occupied' }])
    expect((await roomsOf(h.tenant.id))['102']).toBe('occupied')
    await expect(
      pushRooms(vendor.id, 'no-such-hotel', [{ externalId: 'r-1', roomNumber: '1', status: 'clean' }]),
    ).rejects.toMatchObject({ kind: 'not_found' })

    // Nothing changed at the vendor: no room row is rewritten.
    await syncConnection(h.tenant.id, 'mews', { sleep })
    const before = await db.privileged.room.findMany({
      where: { tenantId: h.tenant.id },
      select: { id: true, updatedAt: true },
    })
    await syncConnection(h.tenant.id, 'mews', { sleep })
    const after = await db.privileged.room.findMany({
      where: { tenantId: h.tenant.id },
      select: { id: true, updatedAt: true },
    })
    expect(after).toEqual(expect.arrayContaining(before))
  })
})

describe('the pms-sync job', () => {
  it(`pulls each connection exactly once per 5-minute slot, whether run twice or on two instances at \
once`, async () => {
    const { runPmsSyncJob } = await import('../../server/services/pms')
    const h = await hotel()
    await connectPms(h.db, 'mews', { ...FAKE_CREDENTIALS.mews }, { sleep })
    const connection = await db.privileged.pmsIntegration.findFirstOrThrow({
      where: { tenantId: h.tenant.id, feature: 'room_status' },
    })
    const job = `pms-sync:${connection.id}`
    const slot = `test-slot-${uniq('s')}`
    const f = fakes.get('mews')!
    const before = f.requests.filter((r) => r.path.endsWith('resources/getAll')).length
    const [a, b] = await Promise.all([
      runPmsSyncJob(new Date(), slot, { sleep }),
      runPmsSyncJob(new Date(), slot, { sleep }),
    ])
    const mine = [a, b].map((r) => r.outcomes.find((o) => o.connection === connection.id)!.outcome.status)
    expect(mine.filter((s) => s === 'ran')).toHaveLength(1)
    expect(mine.filter((s) => s === 'already_done' || s === 'busy')).toHaveLength(1)
    const again = await runPmsSyncJob(new Date(), slot, { sleep })
    expect(again.outcomes.find((o) => o.connection === connection.id)!.outcome.status).toBe('already_done')
    expect(f.requests.filter((r) => r.path.endsWith('resources/getAll')).length).toBeGreaterThan(before)
    expect(await db.privileged.jobRun.count({ where: { job, periodKey: slot } })).toBe(1)
    expect(await db.privileged.jobRun.findFirstOrThrow({ where: { job, periodKey: slot } })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      details: expect.objectContaining({ tenantId: h.tenant.id, rooms: 6 }),
    })
  })

  it('a PMS that does not answer in time is a timeout, retried, then reported', async () => {
    const { createServer } = await import('node:http')
    const silent = createServer(() => {}) // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
      const connector = createConnector('mews', { ...FAKE_CREDENTIALS.mews }, { baseUrl: url, timeoutMs: 100, sleep })
      await expect(connector.verify()).rejects.toMatchObject({
        kind: 'timeout',
        message: expect.stringMatching(/did not answer within 0.1 s after 5 attempts/),
      })
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })
})
