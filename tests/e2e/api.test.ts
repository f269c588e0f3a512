// The built app over HTTP, one surface at a time: hosts, hotel, agent, HQ, PMS vendor; plus the
// API conventions (errors, validation, CSRF, audit, throttling, session expiry).
import { randomUUID } from 'node:crypto'
import { defaults, seal } from 'iron-webcrypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

const tenantOf = (slug: string) => db.tenant.findUniqueOrThrow({ where: { slug } })

describe('hosts', () => {
  it('GET /api/health reports the database and current migrations', async () => {
    const res = await new Client(rootHost()).get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      migrations: { current: true, pending: [] },
    })
  })

  it('an unknown subdomain gets 404, as JSON for the API and as a page for people', async () => {
    const api = await new Client(hotelHost('no-such-hotel')).get('/api/v1/tenant')
    expect(api.status).toBe(404)
    expect(api.body).toMatchObject({ statusCode: 404, code: 'unknown_tenant', data: { reason: 'unknown_tenant' } })
    expect(api.body.message).toMatch(/このアドレスを使っているホテルはありません/)
    const english = await new Client(hotelHost('no-such-hotel')).get('/api/v1/tenant', {
      headers: { 'accept-language': 'en' },
    })
    expect(english.body.message).toMatch(/No hotel uses this address/)
    const page = await new Client(hotelHost('no-such-hotel')).get('/', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    expect(page.text).toMatch(/このアドレスを使っているホテルはありません/)
  })

  it("a hotel's own domain resolves to that hotel", async () => {
    const domain = `concierge-${randomUUID().slice(0, 6)}.grand-tokyo-bay.example`
    await db.tenant.update({ where: { slug: 'hotel-c' }, data: { domain } })
    try {
      const c = new Client(`${domain}:${appPort()}`)
      await c.signIn('owner@hotel-c.example', 'hotel')
      expect((await c.get('/api/v1/tenant')).body).toMatchObject({ slug: 'hotel-c' })
    } finally {
      await db.tenant.update({ where: { slug: 'hotel-c' }, data: { domain: null } })
    }
  })

  it('an IP host is never a tenant: it serves the root surface', async () => {
    const ip = new Client(`127.0.0.1:${appPort()}`)
    expect((await ip.get('/api/v1/tenant')).status).toBe(404)
    expect((await ip.get('/agent/login', { headers: { accept: 'text/html' } })).status).toBe(200)
  })

  it('sets security headers', async () => {
    const res = await new Client(hotelHost('hotel-a')).get('/login', { headers: { accept: 'text/html' } })
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
    })
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
  })
})

describe('hotel surface', () => {
  const ownerA = new Client(hotelHost('hotel-a'))
  beforeAll(async () => {
    await ownerA.signIn('owner@hotel-a.example', 'hotel')
  })

  it('a hotel member sees that hotel only', async () => {
    const res = await ownerA.get('/api/v1/tenant')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ slug: 'hotel-a', role: 'owner', plan: { code: 'LEISURE_ECONOMY', maxRooms: 30 } })
    const rooms = await ownerA.get('/api/v1/tenant/rooms')
    const hotelA = await tenantOf('hotel-a')
    expect(rooms.body.length).toBe(await db.room.count({ where: { tenantId: hotelA.id } }))
    expect(rooms.body.every((r: { tenantId: string }) => r.tenantId === hotelA.id)).toBe(true)
  })

  it("hotel A's signed-in user gets 404 on hotel B's host and on B's resources", async () => {
    for (const path of ['/api/v1/tenant', '/api/v1/tenant/rooms', '/api/v1/auth/me']) {
      const res = await ownerA.get(path, { host: hotelHost('hotel-b') })
      expect(res.status, path).toBe(404)
    }
    const hotelB = await tenantOf('hotel-b')
    const roomB = await db.room.findFirstOrThrow({ where: { tenantId: hotelB.id } })
    expect((await ownerA.patch(`/api/v1/tenant/rooms/${roomB.id}`, { name: 'hijacked' })).status).toBe(404)
    expect((await ownerA.delete(`/api/v1/tenant/rooms/${roomB.id}`)).status).toBe(404)
    expect(await db.room.findFirst({ where: { id: roomB.id } })).toMatchObject({ name: roomB.name })
  })

  it("signing in on another hotel's host is refused", async () => {
    const res = await new Client(hotelHost('hotel-b')).post('/api/v1/auth/sign-in', {
      email: 'owner@hotel-a.example',
      password: 'omotenasu-demo',
      portal: 'hotel',
    })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({
      code: 'no_access_to_hotel',
      message: expect.stringMatching(/このホテルを利用できません/),
    })
  })

  it('a user of several hotels signs in on each', async () => {
    for (const [slug, role] of [
      ['hotel-c', 'owner'],
      ['hotel-b', 'staff'],
    ]) {
      const c = new Client(hotelHost(slug!))
      await c.signIn('owner@hotel-c.example', 'hotel')
      expect((await c.get('/api/v1/tenant')).body).toMatchObject({ slug, role })
    }
  })

  it('roles: staff cannot add rooms (403, naming the role needed)', async () => {
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    const res = await staff.post('/api/v1/tenant/rooms', { roomNumber: '999' })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ code: 'role_required', message: expect.stringMatching(/マネージャー以上/) })
    const english = await staff.post(
      '/api/v1/tenant/rooms',
      { roomNumber: '999' },
      { headers: { 'accept-language': 'en-US,en;q=0.9' } },
    )
    expect(english.body.message).toMatch(/manager role or above/)
  })

  it(`roles: staff set a room's cleaning status but cannot change what the room is (403 naming the \
fields)`, async () => {
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    const hotelA = await tenantOf('hotel-a')
    const room = await db.room.findFirstOrThrow({ where: { tenantId: hotelA.id }, orderBy: { roomNumber: 'asc' } })
    const dirty = await staff.patch(`/api/v1/tenant/rooms/${room.id}`, { status: 'dirty' })
    expect(dirty.status).toBe(200)
    expect(dirty.body).toMatchObject({ status: 'dirty', capacity: room.capacity })
    const capacity = await staff.patch(`/api/v1/tenant/rooms/${room.id}`, {
      status: 'clean',
      capacity: room.capacity + 1,
    })
    expect(capacity.status).toBe(403)
    expect(capacity.body).toMatchObject({ code: 'room_fields_role_required', data: { fields: ['capacity'] } })
    expect(
      await db.room.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelA.id, id: room.id } } }),
    ).toMatchObject({ status: 'dirty', capacity: room.capacity })
    expect((await staff.call('DELETE', `/api/v1/tenant/rooms/${room.id}`)).status).toBe(403)
    await db.room.update({
      where: { tenantId_id: { tenantId: hotelA.id, id: room.id } },
      data: { status: room.status },
    })
  })

  it('a room change is validated, conflicts are 409, and every change is audited with before and after', async () => {
    const manager = new Client(hotelHost('hotel-b'))
    const { body: signedIn } = await manager.signIn('manager@hotel-b.example', 'hotel')
    const hotelB = await tenantOf('hotel-b')

    const invalid = await manager.post('/api/v1/tenant/rooms', { roomNumber: '', capacity: 0, colour: 'red' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.data.fields).toHaveProperty('roomNumber')
    expect((await manager.call('POST', '/api/v1/tenant/rooms', { rawBody: '{"roomNumber": ' })).status).toBe(400)

    const created = await manager.post('/api/v1/tenant/rooms', {
      roomNumber: 'E2E-1',
      roomType: 'suite',
      floor: 5,
      capacity: 4,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ roomNumber: 'E2E-1', tenantId: hotelB.id })
    const duplicate = await manager.post('/api/v1/tenant/rooms', { roomNumber: 'E2E-1' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body).toMatchObject({ code: 'room_number_taken', message: expect.stringMatching(/「E2E-1」/) })

    const updated = await manager.patch(`/api/v1/tenant/rooms/${created.body.id}`, { status: 'dirty' })
    // omitted fields keep their values
    expect(updated.body).toMatchObject({ status: 'dirty', capacity: 4, roomType: 'suite', floor: 5 })
    expect((await manager.delete(`/api/v1/tenant/rooms/${created.body.id}`)).status).toBe(204)

    const audit = await db.auditLog.findMany({ where: { entityId: created.body.id }, orderBy: { occurredAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete'])
    expect(
      audit.every((a) => a.actorId === signedIn.user.id && a.actorType === 'user' && a.tenantId === hotelB.id),
    ).toBe(true)
    expect(audit[1]).toMatchObject({ before: { status: 'clean' }, after: { status: 'dirty' } })
    expect(audit[2]!.before).toMatchObject({ roomNumber: 'E2E-1' })
  })

  it('mutations from another origin are refused (CSRF)', async () => {
    const evil = await ownerA.post(
      '/api/v1/tenant/rooms',
      { roomNumber: 'X1' },
      { headers: { origin: 'http://evil.example' } },
    )
    expect(evil.status).toBe(403)
    expect(evil.body.message).toMatch(/CSRF/)
    const noOrigin = await ownerA.call('POST', '/api/v1/tenant/rooms', {
      body: { roomNumber: 'X2' },
      headers: { origin: '' },
    })
    expect(noOrigin.status).toBe(403)
  })

  it('a session past its lifetime is refused, whatever the cookie says', async () => {
    const c = new Client(hotelHost('hotel-a'))
    await c.signIn('owner@hotel-a.example', 'hotel')
    expect((await c.get('/api/v1/tenant')).status).toBe(200)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'owner@hotel-a.example' } })
    const newest = await db.userSession.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: 'desc' } })
    await db.userSession.update({ where: { id: newest.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const res = await c.get('/api/v1/tenant', { headers: { 'accept-language': 'en' } })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ code: 'session_ended', message: expect.stringMatching(/session has ended/) })
  })

  it('a forged cookie without a session row is refused, even sealed with the right key', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: 'owner@hotel-a.example' } })
    const session = {
      id: randomUUID(),
      createdAt: Date.now(),
      data: {
        user: { id: user.id, email: user.email, name: user.name },
        loggedInAt: Date.now(),
        portal: 'hotel',
        sid: 'not-a-session',
      },
    }
    const forged = new Client(hotelHost('hotel-a'))
    forged.cookies.set(
      'omotenasu-session',
      await seal(globalThis.crypto as never, session, process.env.TEST_SESSION_PASSWORD!, { ...defaults, ttl: 0 }),
    )
    expect((await forged.get('/api/v1/tenant')).status).toBe(401)
  })

  it('sign-out ends the session', async () => {
    const c = new Client(hotelHost('hotel-a'))
    await c.signIn('owner@hotel-a.example', 'hotel')
    expect((await c.post('/api/v1/auth/sign-out')).status).toBe(200)
    expect((await c.get('/api/v1/tenant')).status).toBe(401)
  })
})

describe('agent surface', () => {
  const agent = new Client(rootHost())
  beforeAll(async () => {
    await agent.signIn('agent-gold@agents.example', 'agent')
  })

  it('an agent sees its own profile and rank terms', async () => {
    const res = await agent.get('/api/v1/agent/me')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      companyName: 'Kansai Hospitality Partners',
      rank: 'gold',
      terms: { firstYearMarginBps: 3000, continuingMarginBps: 1500 },
    })
  })

  it("an agent gets 404 on a hotel's host, and 403 on HQ", async () => {
    expect((await agent.get('/api/v1/agent/me', { host: hotelHost('hotel-a') })).status).toBe(404)
    expect((await agent.get('/api/v1/tenant', { host: hotelHost('hotel-a') })).status).toBe(404)
    expect((await agent.get('/api/v1/hq/tenants')).status).toBe(403)
  })

  it('a hotel account cannot sign in to the agent portal', async () => {
    const res = await new Client(rootHost()).post('/api/v1/auth/sign-in', {
      email: 'owner@hotel-a.example',
      password: 'omotenasu-demo',
      portal: 'agent',
    })
    expect(res.status).toBe(403)
  })
})

describe('HQ surface', () => {
  const hq = new Client(rootHost())
  beforeAll(async () => {
    await hq.signIn('hq@omotenasu.example', 'hq')
  })

  it('HQ lists every hotel', async () => {
    const res = await hq.get('/api/v1/hq/tenants?q=hotel-&pageSize=100')
    expect(res.status).toBe(200)
    expect(res.body.items.map((t: { slug: string }) => t.slug)).toEqual(
      expect.arrayContaining(['hotel-a', 'hotel-b', 'hotel-c']),
    )
  })

  it("HQ routes do not exist on a hotel's host", async () => {
    expect((await hq.get('/api/v1/hq/tenants', { host: hotelHost('hotel-a') })).status).toBe(404)
  })

  it("HQ names the hotel's HQ contact (an HQ admin only, audited); the list shows it; others may not", async () => {
    const hotelB = await tenantOf('hotel-b')
    const admin = await db.user.findFirstOrThrow({ where: { email: 'hq@omotenasu.example' } })
    const manager = await db.user.findFirstOrThrow({ where: { email: 'manager@hotel-b.example' } })
    const path = `/api/v1/hq/tenants/${hotelB.id}/hq-contact`
    const refused = await hq.put(path, { userId: manager.id }, { headers: { 'accept-language': 'ja' } })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: 'hq_contact_not_hq' })
    expect(refused.body.message).toMatch(/本部の管理者/)
    expect((await hq.put('/api/v1/hq/tenants/no-such-hotel/hq-contact', { userId: null })).status).toBe(404)
    const agent = new Client(rootHost())
    await agent.signIn('agent-gold@agents.example', 'agent')
    expect((await agent.put(path, { userId: admin.id })).status).toBe(403)
    try {
      const set = await hq.put(path, { userId: admin.id })
      expect(set.status).toBe(200)
      expect(set.body).toMatchObject({ hqContact: { id: admin.id } })
      const list = await hq.get('/api/v1/hq/tenants?q=hotel-b')
      const row = list.body.items.find((t: { slug: string }) => t.slug === 'hotel-b')
      expect(row.hqContact).toMatchObject({ id: admin.id, email: 'hq@omotenasu.example' })
      const audit = await db.auditLog.findFirst({
        where: { entity: 'tenant', entityId: hotelB.id, action: 'update' },
        orderBy: { occurredAt: 'desc' },
      })
      expect(audit?.after).toEqual({ hqContactUserId: admin.id })
    } finally {
      expect((await hq.put(path, { userId: null })).status).toBe(200)
    }
  })

  it('a suspended hotel gets a clear 403 on its API and pages, until HQ reactivates it', async () => {
    const hotelC = await tenantOf('hotel-c')
    const owner = new Client(hotelHost('hotel-c'))
    await owner.signIn('owner@hotel-c.example', 'hotel')
    expect((await hq.patch(`/api/v1/hq/tenants/${hotelC.id}`, { status: 'suspended' })).status).toBe(200)
    // The instance that made the change sees it at once; other instances (npm run test:cluster) within
    // their tenant cache's 5 s, hence the polls. The sessions end at once everywhere (they are rows).
    // Two requests in a row: behind a round-robin balancer, one per instance.
    const reply = (path: string, accept = 'application/json') => owner.get(path, { headers: { accept } })
    const twice = async (path: string) => [(await reply(path)).status, (await reply(path)).status]
    try {
      await expect.poll(() => twice('/api/v1/tenant'), { timeout: 8_000 }).toEqual([403, 403])
      const api = await reply('/api/v1/tenant')
      expect(api.status).toBe(403)
      expect(api.body).toMatchObject({ code: 'tenant_suspended', data: { reason: 'tenant_suspended' } })
      expect(api.body.message).toMatch(/ご利用は停止されています/)
      const page = await reply('/', 'text/html')
      expect(page.status).toBe(403)
      expect(page.text).toMatch(/停止されています/)
    } finally {
      expect((await hq.patch(`/api/v1/hq/tenants/${hotelC.id}`, { status: 'active' })).status).toBe(200)
    }
    // Suspension ended the sessions on the hotel's host: after reactivation the owner signs in again.
    await expect.poll(() => twice('/api/v1/tenant'), { timeout: 8_000 }).toEqual([401, 401])
    await owner.signIn('owner@hotel-c.example', 'hotel')
    expect((await owner.get('/api/v1/tenant')).status).toBe(200)
    const audit = await db.auditLog.findMany({
      where: { entity: 'tenant', entityId: hotelC.id },
      orderBy: { occurredAt: 'asc' },
    })
    expect(audit.slice(-2).map((a) => a.after)).toEqual([{ status: 'suspended' }, { status: 'active' }])
  })

  it('rejects an invalid status with the field named', async () => {
    const hotelA = await tenantOf('hotel-a')
    const res = await hq.patch(`/api/v1/hq/tenants/${hotelA.id}`, { status: 'deleted' })
    expect(res.status).toBe(400)
    expect(res.body.data.fields).toHaveProperty('status')
  })
})

describe('PMS vendor surface (API keys)', () => {
  const hq = new Client(rootHost())
  beforeAll(async () => {
    await hq.signIn('hq@omotenasu.example', 'hq')
  })

  it('a key is shown once, stored hashed, records its last use, and stops working when revoked', async () => {
    const vendor = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'cloudbeds' } })
    const issued = await hq.post(`/api/v1/hq/pms-vendors/${vendor.id}/api-keys`, { name: 'e2e' })
    expect(issued.status).toBe(201)
    const key: string = issued.body.key
    expect(key).toMatch(/^omk_[0-9a-f]{12}_/)
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: issued.body.id } })
    expect(stored.keyHash).not.toContain(key)
    expect(stored.lastUsedAt).toBeNull()
    const listed = await hq.get('/api/v1/hq/pms-vendors')
    expect(listed.text).not.toContain(key)

    const vendorClient = new Client(rootHost())
    const me = await vendorClient.get('/api/v1/pms/me', { headers: { authorization: `Bearer ${key}` } })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ code: 'cloudbeds', commissionRateBps: 2000 })
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: stored.id } })).lastUsedAt).not.toBeNull()

    expect((await hq.delete(`/api/v1/hq/api-keys/${stored.id}`)).status).toBe(200)
    expect((await vendorClient.get('/api/v1/pms/me', { headers: { authorization: `Bearer ${key}` } })).status).toBe(401)
  })

  it('no key, a malformed key or an unknown key is 401', async () => {
    const c = new Client(rootHost())
    expect((await c.get('/api/v1/pms/me')).status).toBe(401)
    expect((await c.get('/api/v1/pms/me', { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    expect(
      (await c.get('/api/v1/pms/me', { headers: { authorization: `Bearer omk_000000000000_${'A'.repeat(32)}` } }))
        .status,
    ).toBe(401)
  })
})

describe('failed sign-ins are rate limited', () => {
  it('per address: twenty failures from one address lock that address, not others', async () => {
    const attacker = new Client(rootHost(), '203.0.113.7')
    for (let i = 0; i < 20; i++)
      await attacker.post('/api/v1/auth/sign-in', { email: `nobody-${i}@test.example`, password: 'x', portal: 'hq' })
    const res = await attacker.post('/api/v1/auth/sign-in', {
      email: 'hq@omotenasu.example',
      password: 'omotenasu-demo',
      portal: 'hq',
    })
    expect(res.status).toBe(429)
    const other = new Client(rootHost(), '203.0.113.8')
    expect(
      (
        await other.post('/api/v1/auth/sign-in', {
          email: 'hq@omotenasu.example',
          password: 'omotenasu-demo',
          portal: 'hq',
        })
      ).status,
    ).toBe(200)
  })
})

describe("errors a person sees answer in the request's language, with their code", () => {
  const ja = { headers: { 'accept-language': 'ja-JP,ja;q=0.9' } }
  const en = { headers: { 'accept-language': 'en-US,en;q=0.9' } }

  it('a room number already in use: 409 room_number_taken', async () => {
    const manager = new Client(hotelHost('hotel-b'))
    await manager.signIn('manager@hotel-b.example', 'hotel')
    const roomNumber = `LANG-${randomUUID().slice(0, 4)}`
    const created = await manager.post('/api/v1/tenant/rooms', { roomNumber })
    expect(created.status).toBe(201)
    try {
      const inJa = await manager.post('/api/v1/tenant/rooms', { roomNumber }, ja)
      expect(inJa.status).toBe(409)
      expect(inJa.body).toMatchObject({
        code: 'room_number_taken',
        message: `部屋番号「${roomNumber}」はこのホテルにすでに登録されています。`,
      })
      const inEn = await manager.post('/api/v1/tenant/rooms', { roomNumber }, en)
      expect(inEn.body).toMatchObject({
        code: 'room_number_taken',
        message: `Room ${roomNumber} already exists in this hotel.`,
      })
    } finally {
      expect((await manager.delete(`/api/v1/tenant/rooms/${created.body.id}`)).status).toBe(204)
    }
  })

  it('an unknown or missing API key: 401 api_key_invalid / api_key_required', async () => {
    const vendor = new Client(rootHost())
    const unknown = { authorization: `Bearer omk_000000000000_${'A'.repeat(32)}` }
    const inJa = await vendor.get('/api/v1/pms/me', { headers: { ...ja.headers, ...unknown } })
    expect(inJa.status).toBe(401)
    expect(inJa.body).toMatchObject({
      code: 'api_key_invalid',
      message: 'この API キーは無効か、すでに失効しています。',
    })
    const inEn = await vendor.get('/api/v1/pms/me', { headers: { ...en.headers, ...unknown } })
    expect(inEn.body).toMatchObject({
      code: 'api_key_invalid',
      message: 'This API key is not valid or has been revoked.',
    })
    const missing = await vendor.get('/api/v1/pms/me', ja)
    expect(missing.body).toMatchObject({ code: 'api_key_required', message: expect.stringMatching(/^有効な API キー/) })
  })

  it('removing or demoting the last owner: 409 last_owner', async () => {
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    const ownerUser = await db.user.findUniqueOrThrow({ where: { email: 'owner@hotel-a.example' } })
    const removed = await owner.delete(`/api/v1/tenant/members/${ownerUser.id}`, ja)
    expect(removed.status).toBe(409)
    expect(removed.body).toMatchObject({
      code: 'last_owner',
      message: 'ホテルには少なくとも1人のオーナーが必要です。先に別の方をオーナーにしてください。',
    })
    const demoted = await owner.patch(`/api/v1/tenant/members/${ownerUser.id}`, { role: 'manager' }, en)
    expect(demoted.body).toMatchObject({
      code: 'last_owner',
      message: 'A hotel needs at least one owner. Make someone else owner first.',
    })
  })

  it("an unknown bank code: 400 bank_code_unknown, and the field's message in the same language", async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    const body = {
      bankCode: '9998',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '1234567',
      holderKana: 'トウキヨウセールス',
    }
    const inJa = await agent.call('PUT', '/api/v1/agent/bank-account', { body, ...ja })
    expect(inJa.status).toBe(400)
    expect(inJa.body).toMatchObject({
      code: 'bank_code_unknown',
      message: '金融機関コード「9998」の金融機関はありません。',
      data: { fields: { bankCode: 'この金融機関コードは見つかりません。' } },
    })
    const inEn = await agent.call('PUT', '/api/v1/agent/bank-account', { body, ...en })
    expect(inEn.body).toMatchObject({
      code: 'bank_code_unknown',
      message: 'There is no bank with code 9998.',
      data: { fields: { bankCode: 'Unknown bank code.' } },
    })
  })
})
