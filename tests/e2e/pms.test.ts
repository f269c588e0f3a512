// PMS integration over HTTP against the built app, with a local fake Mews the app reaches as the
// vendor's API endpoint: plan gate, unsupported vendor, refused credentials, connect and first sync,
// credentials that never come back, webhooks answered at once and processed in the background, and
// the vendor REST API refused for hotels that have not connected that vendor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { demoProperty, FAKE_CREDENTIALS, startFakePms, type FakePms } from '../helpers/fake-pms'
import { Client, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
let fake: FakePms
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
const secrets = Object.values(FAKE_CREDENTIALS.mews)

beforeAll(async () => {
  fake = await startFakePms('mews', demoProperty('mews', today))
  await db.pmsVendor.update({ where: { code: 'mews' }, data: { apiEndpoint: fake.url } })
})
afterAll(async () => {
  await db.pmsVendor.update({ where: { code: 'mews' }, data: { apiEndpoint: 'https://api.mews.com' } })
  await fake.close()
  await db.$disconnect()
})

describe('connecting a hotel to its PMS', () => {
  it('is refused on a plan without pms_integration (naming the plan), for staff, and for unknown vendors', async () => {
    const a = new Client(hotelHost('hotel-a'))
    await a.signIn('owner@hotel-a.example', 'hotel')
    const gated = await a.post('/api/v1/pms/integration/mews', FAKE_CREDENTIALS.mews)
    expect(gated.status).toBe(403)
    expect(gated.body.message).toMatch(/Omotenasu Professional/)

    const staff = new Client(hotelHost('hotel-b'))
    await staff.signIn('owner@hotel-c.example', 'hotel') // staff at hotel-b
    expect((await staff.post('/api/v1/pms/integration/mews', FAKE_CREDENTIALS.mews)).status).toBe(403)

    const b = new Client(hotelHost('hotel-b'))
    await b.signIn('manager@hotel-b.example', 'hotel')
    const unknown = await b.post('/api/v1/pms/integration/protel', {})
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({
      code: 'pms_vendor_unsupported',
      message: expect.stringMatching(/^PMS ベンダー「protel」には対応していません/),
      data: { supported: ['cloudbeds', 'mews', 'opera'] },
    })
    const missing = await b.post('/api/v1/pms/integration/mews', { clientToken: 'x' })
    expect(missing.status).toBe(400)
    const wrong = await b.post('/api/v1/pms/integration/mews', {
      ...FAKE_CREDENTIALS.mews,
      accessToken: 'wrong-access-token',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({
      code: 'pms_credentials_refused',
      message: expect.stringMatching(/^「Mews」がこの認証情報を受け付けませんでした/),
      data: { fields: { credentials: 'PMS に拒否されました。' } },
    })
  })

  it('connects, syncs at once, never returns the credentials, takes webhooks, and serves the vendor API', async () => {
    const b = new Client(hotelHost('hotel-b'))
    await b.signIn('manager@hotel-b.example', 'hotel')
    const connected = await b.post('/api/v1/pms/integration/mews', FAKE_CREDENTIALS.mews)
    expect(connected.status).toBe(200)
    expect(connected.body).toMatchObject({
      status: 'connected',
      vendor: 'mews',
      features: ['room_status', 'reservations'],
      sync: { rooms: 6, reservations: 3 },
    })
    expect(connected.body.webhookUrl).toMatch(/\/api\/webhooks\/pms\/mews\?secret=/)
    const overview = await b.get('/api/v1/tenant/pms')
    expect(overview.body.connection).toMatchObject({
      vendor: 'mews',
      status: 'connected',
      property: 'Mews Test Ryokan',
    })
    expect(overview.body.rooms.find((r: { roomNumber: string }) => r.roomNumber === '201')).toMatchObject({
      status: 'occupied',
      guest: { name: '山田 花子' },
    })
    const hotelB = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: hotelB.id, entity: 'pms_integration', action: 'connect' },
    })
    for (const s of secrets) {
      expect(connected.text).not.toContain(s)
      expect(overview.text).not.toContain(s)
      expect(JSON.stringify(audit)).not.toContain(s)
    }
    // Another hotel sees nothing of it.
    const c = new Client(hotelHost('hotel-c'))
    await c.signIn('owner@hotel-c.example', 'hotel')
    const seenByC = await c.get('/api/v1/tenant/pms')
    expect(seenByC.body.connection?.vendor).not.toBe('mews')
    expect(seenByC.text).not.toContain('Mews Test Ryokan')

    // Webhook: a wrong secret is 400; the right one is 202 at once, and the change lands soon after.
    const url = new URL(connected.body.webhookUrl)
    const hook = new Client(rootHost())
    expect(
      (await hook.post('/api/webhooks/pms/mews?secret=nope', { EnterpriseId: 'ent-omotenasu-1', Events: [] })).status,
    ).toBe(400)
    Object.assign(
      fake.rooms.find((r) => r.id === 'r-102')!,
      { state: 'Inspected', updatedAt: new Date().toISOString() },
    )
    const accepted = await hook.post(`${url.pathname}${url.search}`, {
      EnterpriseId: 'ent-omotenasu-1',
      Events: [{ Discriminator: 'ResourceUpdated', Value: { Id: 'r-102' } }],
    })
    expect(accepted.status).toBe(202)
    await expect
      .poll(
        async () =>
          (await b.get('/api/v1/tenant/pms')).body.rooms.find((r: { roomNumber: string }) => r.roomNumber === '102')
            ?.status,
      )
      .toBe('inspected')
    const health = (await b.get('/api/v1/tenant/pms')).body.connection
    expect(health.syncDelayMs).toBeLessThan(60_000)

    // The vendor API: Mews sees hotel-b and pushes to it; not to hotel-a; Cloudbeds not to hotel-b.
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const mews = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'mews' } })
    const cloudbeds = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'cloudbeds' } })
    const mewsKey = (await hq.post(`/api/v1/hq/pms-vendors/${mews.id}/api-keys`, { name: 'pms-e2e' })).body.key
    const cloudbedsKey = (await hq.post(`/api/v1/hq/pms-vendors/${cloudbeds.id}/api-keys`, { name: 'pms-e2e' })).body
      .key
    const vendor = new Client(rootHost())
    const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } })
    const hotels = await vendor.get('/api/v1/pms/hotels', as(mewsKey))
    expect(hotels.body).toEqual([
      expect.objectContaining({
        hotel: 'hotel-b',
        connections: expect.arrayContaining([expect.objectContaining({ feature: 'room_status', status: 'connected' })]),
      }),
    ])
    const push = await vendor.put(
      '/api/v1/pms/hotels/hotel-b/rooms',
      { rooms: [{ externalId: 'r-103', roomNumber: '103', status: 'dirty', changedAt: new Date().toISOString() }] },
      as(mewsKey),
    )
    expect(push.body).toMatchObject({ accepted: 1 })
    const pushedRes = await vendor.put(
      '/api/v1/pms/hotels/hotel-b/reservations',
      {
        reservations: [
          {
            externalId: 'res-9',
            roomExternalId: 'r-103',
            guestName: 'Push Guest',
            arrival: today,
            departure: today,
            status: 'checked_in',
          },
        ],
      },
      as(mewsKey),
    )
    expect(pushedRes.body).toMatchObject({ accepted: 1 })
    expect(
      (await b.get('/api/v1/tenant/pms')).body.rooms.find((r: { roomNumber: string }) => r.roomNumber === '103'),
    ).toMatchObject({ status: 'occupied', guest: { name: 'Push Guest' } })
    expect(
      (
        await vendor.put(
          '/api/v1/pms/hotels/hotel-a/rooms',
          { rooms: [{ externalId: 'x', roomNumber: '1', status: 'clean' }] },
          as(mewsKey),
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await vendor.put(
          '/api/v1/pms/hotels/hotel-b/rooms',
          { rooms: [{ externalId: 'x', roomNumber: '1', status: 'clean' }] },
          as(cloudbedsKey),
        )
      ).status,
    ).toBe(404)
    expect(
      (await vendor.get('/api/v1/pms/hotels', as(cloudbedsKey))).body.map((h: { hotel: string }) => h.hotel),
    ).not.toContain('hotel-b')
    expect(
      (
        await vendor.put(
          '/api/v1/pms/hotels/hotel-b/rooms',
          { rooms: [{ externalId: 'x', roomNumber: '1', status: 'sparkling' }] },
          as(mewsKey),
        )
      ).status,
    ).toBe(400)

    // HQ runs the 5-minute job now: hotel-b's connection is pulled once, recorded in job_runs.
    const ran = await hq.post('/api/v1/hq/jobs/pms-sync/run')
    expect(ran.body).toMatchObject({ status: 'ran', details: { ran: expect.any(Number) } })
    expect(ran.body.details.ran).toBeGreaterThanOrEqual(1)
    const connection = await db.pmsIntegration.findFirstOrThrow({
      where: { tenantId: hotelB.id, feature: 'room_status' },
    })
    expect(await db.jobRun.count({ where: { job: `pms-sync:${connection.id}`, status: 'succeeded' } })).toBe(1)

    // Disconnect: credentials and guests go; the vendor loses access.
    expect((await b.delete('/api/v1/pms/integration/mews')).body).toMatchObject({ status: 'disconnected' })
    expect((await b.get('/api/v1/tenant/pms')).body.connection).toBeNull()
    expect(
      (
        await vendor.put(
          '/api/v1/pms/hotels/hotel-b/rooms',
          { rooms: [{ externalId: 'r-103', roomNumber: '103', status: 'clean' }] },
          as(mewsKey),
        )
      ).status,
    ).toBe(404)
    expect(
      (await hook.post(`${url.pathname}${url.search}`, { EnterpriseId: 'ent-omotenasu-1', Events: [] })).status,
    ).toBe(400)
  })
})

describe('HQ manages PMS vendors', () => {
  it(`edits contact, endpoint, commission rate and partnership level (audited), registers a co-selling vendor, and \
refuses bad input`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const opera = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'opera' } })
    const updated = await hq.patch(`/api/v1/hq/pms-vendors/${opera.id}`, {
      contactName: 'Oracle 太郎',
      contactEmail: 'partner@oracle.example',
      commissionRateBps: 2_500,
      partnershipLevel: 'strategic',
    })
    expect(updated.body).toMatchObject({
      commissionRateBps: 2_500,
      partnershipLevel: 'strategic',
      contactEmail: 'partner@oracle.example',
    })
    expect(
      await db.auditLog.findFirst({
        where: { entity: 'pms_vendor', entityId: opera.id },
        orderBy: { occurredAt: 'desc' },
      }),
    ).toMatchObject({
      before: expect.objectContaining({ commissionRateBps: 2_000 }),
      after: expect.objectContaining({ commissionRateBps: 2_500 }),
    })
    const insecure = await hq.patch(`/api/v1/hq/pms-vendors/${opera.id}`, { apiEndpoint: 'http://ohip.example.com' })
    expect(insecure.status).toBe(400)
    expect(insecure.body.data.fields.apiEndpoint).toMatch(/https/)
    expect((await hq.patch(`/api/v1/hq/pms-vendors/${opera.id}`, { commissionRateBps: 9_000 })).status).toBe(400)
    const listed = (await hq.get('/api/v1/hq/pms-vendors')).body.find((v: { code: string }) => v.code === 'opera')
    expect(listed).toMatchObject({ partnershipLevel: 'strategic', connectedHotels: expect.any(Number) })
    const created = await hq.post('/api/v1/hq/pms-vendors', {
      code: `tl-${Date.now().toString(36)}`,
      name: 'TL-Lincoln',
      apiEndpoint: 'https://api.tl-lincoln.example',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ commissionRateBps: 2_000, partnershipLevel: 'basic' })
    expect((await hq.post('/api/v1/hq/pms-vendors', { code: created.body.code, name: 'dup' })).status).toBe(409)
    await hq.patch(`/api/v1/hq/pms-vendors/${opera.id}`, { commissionRateBps: 2_000, partnershipLevel: 'basic' })

    const hotel = new Client(hotelHost('hotel-b'))
    await hotel.signIn('manager@hotel-b.example', 'hotel')
    expect((await hotel.patch(`/api/v1/hq/pms-vendors/${opera.id}`, { commissionRateBps: 1 })).status).toBe(404)
  })
})

describe('the API reference', () => {
  it('serves the OpenAPI 3.1 document at a stable URL, with this server and the PMS vendor API in it', async () => {
    const reply = await new Client(rootHost()).get('/api/v1/openapi.json')
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ openapi: '3.1.0', info: { title: 'OmotenasuAI Platform API' } })
    expect(reply.body.servers[0].url).toMatch(/^http:\/\/localhost:\d+$/)
    expect(Object.keys(reply.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/pms/hotels', '/api/v1/pms/integration/{vendor}', '/api/webhooks/pms/{vendor}']),
    )
  })
})
