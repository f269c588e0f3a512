// The hotel admin's settings and staff, and HQ's plan catalogue, over HTTP.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'
import { lastMail, linkIn } from '../helpers/mail'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

describe('settings', () => {
  const owner = new Client(hotelHost('hotel-a'))
  beforeAll(async () => {
    await owner.signIn('owner@hotel-a.example', 'hotel')
  })

  it('reads the defaults and saves a typed form, audited', async () => {
    expect((await owner.get('/api/v1/tenant/settings')).body).toMatchObject({
      staffHourlyCost: 1800,
      minutesSavedPerConversation: 6,
      timeZone: 'Asia/Tokyo',
      currency: 'JPY',
    })
    const saved = await owner.call('PUT', '/api/v1/tenant/settings', {
      body: {
        staffHourlyCost: 2200,
        minutesSavedPerConversation: 8,
        notificationEmails: ['front@hotel-a.example'],
        timeZone: 'Asia/Tokyo',
      },
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      staffHourlyCost: 2200,
      minutesSavedPerConversation: 8,
      notificationEmails: ['front@hotel-a.example'],
    })
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    expect(
      await db.auditLog.findFirst({
        where: { tenantId: hotelA.id, entity: 'tenant_settings' },
        orderBy: { occurredAt: 'desc' },
      }),
    ).toMatchObject({ before: { staffHourlyCost: 1800 }, after: { staffHourlyCost: 2200 } })
  })

  it.each([
    [
      'an unknown key',
      {
        staffHourlyCost: 1,
        minutesSavedPerConversation: 1,
        notificationEmails: [],
        timeZone: 'Asia/Tokyo',
        theme: 'dark',
      },
    ],
    [
      'an unknown time zone',
      { staffHourlyCost: 1, minutesSavedPerConversation: 1, notificationEmails: [], timeZone: 'Mars/Olympus' },
    ],
    [
      'fractional yen',
      { staffHourlyCost: 1800.5, minutesSavedPerConversation: 1, notificationEmails: [], timeZone: 'Asia/Tokyo' },
    ],
    [
      'a bad email',
      { staffHourlyCost: 1, minutesSavedPerConversation: 1, notificationEmails: ['nope'], timeZone: 'Asia/Tokyo' },
    ],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await owner.call('PUT', '/api/v1/tenant/settings', { body })
    expect(res.status).toBe(400)
    expect(res.body.data.fields).toBeDefined()
  })

  it('staff cannot change settings', async () => {
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    expect(
      (
        await staff.call('PUT', '/api/v1/tenant/settings', {
          body: { staffHourlyCost: 1, minutesSavedPerConversation: 1, notificationEmails: [], timeZone: 'Asia/Tokyo' },
        })
      ).status,
    ).toBe(403)
  })
})

describe('staff', () => {
  const owner = new Client(hotelHost('hotel-a'))
  beforeAll(async () => {
    await owner.signIn('owner@hotel-a.example', 'hotel')
  })

  it('an owner invites a new manager, who sets a password from the mailed link and is signed in', async () => {
    const email = `new-${randomUUID().slice(0, 8)}@hotel-a.example`
    const since = new Date()
    const invited = await owner.post('/api/v1/tenant/members', { email, name: '新人 マネージャー', role: 'manager' })
    expect(invited.status).toBe(201)
    const mail = await lastMail(db, email, 'hotel_invitation', since)
    expect(mail.subject).toBe('【OmotenasuAI】旅館 さくら (Ryokan Sakura) の管理画面へのご招待')
    const { url, token } = linkIn(mail, '/invite')
    expect(url.host).toBe(hotelHost('hotel-a'))
    expect(
      (await new Client(hotelHost('hotel-b')).post('/api/v1/auth/accept-invite', { token, password: 'a-new-password' }))
        .status,
    ).toBe(400)
    const newcomer = new Client(hotelHost('hotel-a'))
    expect((await newcomer.post('/api/v1/auth/accept-invite', { token, password: 'a-new-password' })).status).toBe(200)
    expect((await newcomer.get('/api/v1/tenant')).body).toMatchObject({ slug: 'hotel-a', role: 'manager' })
    expect(
      (
        await new Client(hotelHost('hotel-a')).post('/api/v1/auth/accept-invite', {
          token,
          password: 'another-password',
        })
      ).status,
    ).toBe(400)

    // A manager manages staff and managers, but not owners.
    const staffUser = await db.user.findUniqueOrThrow({ where: { email: 'staff@hotel-a.example' } })
    const ownerUser = await db.user.findUniqueOrThrow({ where: { email: 'owner@hotel-a.example' } })
    expect((await newcomer.patch(`/api/v1/tenant/members/${staffUser.id}`, { role: 'owner' })).status).toBe(403)
    expect((await newcomer.patch(`/api/v1/tenant/members/${ownerUser.id}`, { role: 'staff' })).status).toBe(403)
    expect((await newcomer.patch(`/api/v1/tenant/members/${staffUser.id}`, { role: 'manager' })).body).toEqual({
      userId: staffUser.id,
      role: 'manager',
    })
    expect((await newcomer.patch(`/api/v1/tenant/members/${staffUser.id}`, { role: 'staff' })).status).toBe(200)

    const newcomerId = (await db.user.findUniqueOrThrow({ where: { email } })).id
    expect((await owner.delete(`/api/v1/tenant/members/${newcomerId}`)).status).toBe(204)
    expect((await owner.get('/api/v1/tenant/members')).body.map((m: { email: string }) => m.email)).not.toContain(email)
    expect((await newcomer.get('/api/v1/tenant')).status).toBe(401) // removal ended the newcomer's sessions (issue 9)
  })

  it('someone who already has an account accepts with their own password; a member twice is 409', async () => {
    const since = new Date()
    const added = await owner.post('/api/v1/tenant/members', {
      email: 'manager@hotel-b.example',
      name: 'x',
      role: 'staff',
    })
    expect(added.status).toBe(201)
    const { token } = linkIn(await lastMail(db, 'manager@hotel-b.example', 'hotel_invitation', since), '/invite')
    const person = new Client(hotelHost('hotel-a'))
    expect((await person.post('/api/v1/auth/invitation', { token })).body).toMatchObject({
      kind: 'hotel',
      existingAccount: true,
      role: 'staff',
    })
    expect((await person.post('/api/v1/auth/accept-invite', { token })).status).toBe(401)
    expect((await person.post('/api/v1/auth/accept-invite', { token, password: 'omotenasu-demo' })).status).toBe(200)
    expect((await person.get('/api/v1/tenant')).body).toMatchObject({ slug: 'hotel-a', role: 'staff' })
    expect(
      (await owner.post('/api/v1/tenant/members', { email: 'manager@hotel-b.example', name: 'x', role: 'staff' }))
        .status,
    ).toBe(409)
    const user = await db.user.findUniqueOrThrow({ where: { email: 'manager@hotel-b.example' } })
    expect((await owner.delete(`/api/v1/tenant/members/${user.id}`)).status).toBe(204)
  })

  it('the last owner cannot be demoted or removed; staff cannot see the staff list', async () => {
    const ownerUser = await db.user.findUniqueOrThrow({ where: { email: 'owner@hotel-a.example' } })
    const demote = await owner.patch(`/api/v1/tenant/members/${ownerUser.id}`, { role: 'manager' })
    expect(demote.status).toBe(409)
    expect(demote.body).toMatchObject({ code: 'last_owner', message: expect.stringMatching(/オーナーが必要です/) })
    expect((await owner.delete(`/api/v1/tenant/members/${ownerUser.id}`)).status).toBe(409)
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    expect((await staff.get('/api/v1/tenant/members')).status).toBe(403)
  })

  it("another hotel's member cannot be changed from this hotel", async () => {
    const managerB = await db.user.findUniqueOrThrow({ where: { email: 'manager@hotel-b.example' } })
    expect((await owner.patch(`/api/v1/tenant/members/${managerB.id}`, { role: 'staff' })).status).toBe(404)
    expect((await owner.delete(`/api/v1/tenant/members/${managerB.id}`)).status).toBe(404)
  })
})

describe('HQ plan catalogue', () => {
  it('HQ edits a plan; issued invoices keep their amounts; bad features are refused', async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const plans = (await hq.get('/api/v1/hq/plans')).body as { id: string; planCode: string; monthlyPrice: number }[]
    const economy = plans.find((p) => p.planCode === 'LEISURE_ECONOMY')!
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    const before = await db.invoice.findFirstOrThrow({ where: { tenantId: hotelA.id } })
    const res = await hq.patch(`/api/v1/hq/plans/${economy.id}`, { monthlyPrice: 31_800 })
    expect(res.status).toBe(200)
    expect(res.body.monthlyPrice).toBe(31_800)
    expect(
      (await new Client(rootHost()).get('/api/v1/plans')).body.find(
        (p: { planCode: string }) => p.planCode === 'LEISURE_ECONOMY',
      ).monthlyPrice,
    ).toBe(31_800)
    expect(
      await db.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelA.id, id: before.id } } }),
    ).toMatchObject({ subtotal: before.subtotal, total: before.total })
    expect((await hq.patch(`/api/v1/hq/plans/${economy.id}`, { features: ['teleportation'] })).status).toBe(400)
    expect((await hq.patch(`/api/v1/hq/plans/${economy.id}`, { monthlyPrice: economy.monthlyPrice })).status).toBe(200)
    expect(await db.auditLog.count({ where: { entity: 'subscription_plan', entityId: economy.id } })).toBe(2)
  })
})
