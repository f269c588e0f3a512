// Identity as an attacker would try it, over HTTP against the built app: invitations that cannot
// take over an account, tokens of one kind refused by the others' endpoints, sessions that end on
// the server, throttling that slows strangers without locking the real user out, password reset
// and change by mail.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPasswordHash } from '../../server/lib/password'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'
import { lastMail, linkIn, mailCount } from '../helpers/mail'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@test.example`
const en = { headers: { 'accept-language': 'en' } }

describe('the invitation takeover fails at every step', () => {
  const hq = new Client(rootHost())
  let agentId = ''
  let hotelSlug = ''
  const attacker = new Client('')
  beforeAll(async () => {
    await hq.signIn('hq@omotenasu.example', 'hq')
    agentId = (await db.agent.findFirstOrThrow({ where: { companyName: 'Kansai Hospitality Partners' } })).id
    // The attacker signs up a hotel of their own through the public signup.
    hotelSlug = `evil-${randomUUID().slice(0, 6)}`
    const signup = await new Client(rootHost()).post('/api/v1/signup', {
      hotelName: 'Evil Inn',
      subdomain: hotelSlug,
      ownerName: 'Eve',
      email: unique('eve'),
      password: 'eve-password-123',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
    })
    expect(signup.status, signup.text).toBe(201)
    attacker.host = hotelHost(hotelSlug)
    const handoff = await attacker.get(
      new URL(signup.body.redirectTo).pathname + new URL(signup.body.redirectTo).search,
    )
    expect(handoff.status).toBe(302)
  })

  it('HQ invites a new person to an agent: the answer carries no link, the mail does', async () => {
    const email = unique('victim')
    const since = new Date()
    const invited = await hq.post(`/api/v1/hq/agents/${agentId}/users`, { email, name: '被害 者' })
    expect(invited.status, invited.text).toBe(201)
    expect(JSON.stringify(invited.body)).not.toMatch(/token|http/i)
    const mail = await lastMail(db, email, 'agent_invitation', since)
    expect(mail.subject).toMatch(/Kansai Hospitality Partners/)
    const { token } = linkIn(mail, '/agent/invite')
    expect(await db.user.findUnique({ where: { email } })).toBeNull() // no account until accepted

    // Another hotel invites the same address: still no link for the inviter, and no account is made.
    const hijack = await attacker.post('/api/v1/tenant/members', { email, name: 'x', role: 'owner' })
    expect(hijack.status, hijack.text).toBe(201)
    expect(JSON.stringify(hijack.body)).not.toMatch(/token|http/i)
    const hotelToken = linkIn(await lastMail(db, email, 'hotel_invitation', since), '/invite').token

    // The real person accepts the agent invitation from their mail and chooses their password.
    const person = new Client(rootHost())
    const info = await person.post('/api/v1/auth/invitation', { token })
    expect(info.body).toMatchObject({
      kind: 'agent',
      agentName: 'Kansai Hospitality Partners',
      email,
      existingAccount: false,
    })
    const accepted = await person.post('/api/v1/auth/accept-invite', {
      token,
      password: 'victim-password-1',
      name: '被害 者',
    })
    expect(accepted.status, accepted.text).toBe(200)
    expect((await person.get('/api/v1/agent/me')).status).toBe(200)
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { email } })).passwordHash

    // Even holding the hotel invitation's token, nobody gets in without the account's own password.
    const thief = new Client(hotelHost(hotelSlug))
    const noPassword = await thief.post('/api/v1/auth/accept-invite', { token: hotelToken, password: undefined }, en)
    expect(noPassword.status).toBe(401)
    expect(noPassword.body.code).toBe('invitation_sign_in_required')
    const newPassword = await thief.post('/api/v1/auth/accept-invite', {
      token: hotelToken,
      password: 'attacker-chosen-pw',
    })
    expect(newPassword.status).toBe(401)
    expect(newPassword.body.code).toBe('wrong_credentials')
    expect((await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(hashBefore)
    expect((await thief.get('/api/v1/tenant')).status).toBe(401)
    // The invitation token is not a sign-in link anywhere else.
    const handoff = await thief.get(`/auth/handoff?token=${hotelToken}`)
    expect(handoff.headers.location).toBe('/login?handoff=expired')
    expect(
      (await thief.post('/api/v1/auth/password-reset/confirm', { token: hotelToken, password: 'attacker-chosen-pw' }))
        .status,
    ).toBe(400)
    expect((await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(hashBefore)
    // The hotel invitation is still open for its rightful owner, who accepts it with their own password.
    const rightful = new Client(hotelHost(hotelSlug))
    expect(
      (await rightful.post('/api/v1/auth/accept-invite', { token: hotelToken, password: 'victim-password-1' })).status,
    ).toBe(200)
    expect(
      (await rightful.post('/api/v1/auth/accept-invite', { token: hotelToken, password: 'victim-password-1' })).status,
    ).toBe(400) // single use
  })

  it('an invitation for another hotel or the agent portal is refused on the wrong host', async () => {
    const email = unique('host')
    const since = new Date()
    await attacker.post('/api/v1/tenant/members', { email, name: 'x', role: 'staff' })
    const { token } = linkIn(await lastMail(db, email, 'hotel_invitation', since), '/invite')
    for (const host of [hotelHost('hotel-a'), rootHost()]) {
      const res = await new Client(host).post('/api/v1/auth/accept-invite', { token, password: 'some-password-1' }, en)
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({
        code: 'invitation_invalid',
        message: expect.stringMatching(/expired, was already used or was withdrawn/),
      })
    }
    const ja = await new Client(rootHost()).post('/api/v1/auth/accept-invite', { token, password: 'some-password-1' })
    expect(ja.body.message).toMatch(/招待リンクは期限切れ/)
  })

  it(`a pending account from before (no password) activates only through a reset link sent to its own \
address`, async () => {
    const email = unique('pending')
    await db.user.create({ data: { email, name: 'Pending', passwordHash: '', agentId } })
    const since = new Date()
    await attacker.post('/api/v1/tenant/members', { email, name: 'x', role: 'owner' })
    const { token } = linkIn(await lastMail(db, email, 'hotel_invitation', since), '/invite')
    const res = await new Client(hotelHost(hotelSlug)).post('/api/v1/auth/accept-invite', {
      token,
      password: 'attacker-chosen-pw',
    })
    expect(res.status).toBe(401)
    expect((await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe('')
  })

  it('a withdrawn invitation cannot be accepted', async () => {
    const email = unique('withdrawn')
    const since = new Date()
    const invited = await attacker.post('/api/v1/tenant/members', { email, name: 'x', role: 'staff' })
    const { token } = linkIn(await lastMail(db, email, 'hotel_invitation', since), '/invite')
    expect((await attacker.get('/api/v1/tenant/invitations')).body.map((i: { email: string }) => i.email)).toContain(
      email,
    )
    expect((await attacker.delete(`/api/v1/tenant/invitations/${invited.body.id}`)).status).toBe(204)
    expect(
      (
        await new Client(hotelHost(hotelSlug)).post('/api/v1/auth/accept-invite', {
          token,
          password: 'some-password-1',
        })
      ).status,
    ).toBe(400)
  })
})

describe('sessions end on the server', () => {
  it('an old cookie is refused right after sign-out', async () => {
    const c = new Client(hotelHost('hotel-a'))
    await c.signIn('owner@hotel-a.example', 'hotel')
    const copy = new Client(hotelHost('hotel-a'))
    copy.cookies = new Map(c.cookies)
    expect((await copy.get('/api/v1/tenant')).status).toBe(200)
    expect((await c.post('/api/v1/auth/sign-out')).status).toBe(200)
    const replay = await copy.get('/api/v1/tenant', en)
    expect(replay.status).toBe(401)
    expect(replay.body.code).toBe('session_ended')
    // nuxt-auth-utils' own session endpoint agrees.
    const fresh = new Client(hotelHost('hotel-a'))
    fresh.cookies = new Map(copy.cookies)
    expect((await fresh.get('/api/_auth/session')).body.user).toBeUndefined()
  })

  it('sign out everywhere ends every session of the person, on every host', async () => {
    const email = unique('everywhere')
    await db.user.create({
      data: {
        email,
        name: 'Everywhere',
        passwordHash: await createPasswordHash('everywhere-pw-1'),
        memberships: {
          create: [
            { tenantId: (await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })).id, role: 'staff' },
            { tenantId: (await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })).id, role: 'staff' },
          ],
        },
      },
    })
    const a = new Client(hotelHost('hotel-a'))
    const b = new Client(hotelHost('hotel-b'))
    await a.signIn(email, 'hotel', 'everywhere-pw-1')
    await b.signIn(email, 'hotel', 'everywhere-pw-1')
    const ended = await a.post('/api/v1/auth/sign-out-everywhere')
    expect(ended.body).toMatchObject({ signedOut: true, sessionsEnded: 2 })
    expect((await a.get('/api/v1/tenant')).status).toBe(401)
    expect((await b.get('/api/v1/tenant')).status).toBe(401)
  })

  it('removal from a hotel, and suspension of a hotel or an agent, end the affected sessions at once', async () => {
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    const email = unique('removed')
    const user = await db.user.create({
      data: {
        email,
        name: 'Removed',
        passwordHash: await createPasswordHash('removed-pw-12'),
        memberships: { create: { tenantId: hotelA.id, role: 'staff' } },
      },
    })
    const member = new Client(hotelHost('hotel-a'))
    await member.signIn(email, 'hotel', 'removed-pw-12')
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    expect((await owner.delete(`/api/v1/tenant/members/${user.id}`)).status).toBe(204)
    expect((await member.get('/api/v1/auth/me')).status).toBe(401)

    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const hotelC = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-c' } })
    const ownerC = new Client(hotelHost('hotel-c'))
    await ownerC.signIn('owner@hotel-c.example', 'hotel')
    expect((await hq.patch(`/api/v1/hq/tenants/${hotelC.id}`, { status: 'suspended' })).status).toBe(200)
    expect((await hq.patch(`/api/v1/hq/tenants/${hotelC.id}`, { status: 'active' })).status).toBe(200)
    expect((await ownerC.get('/api/v1/auth/me')).status).toBe(401) // reactivation does not revive the old session

    const bronze = await db.agent.findFirstOrThrow({ where: { companyName: 'Tokyo Sales Works' } })
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    expect((await hq.patch(`/api/v1/hq/agents/${bronze.id}`, { status: 'suspended' })).status).toBe(200)
    expect((await hq.patch(`/api/v1/hq/agents/${bronze.id}`, { status: 'active' })).status).toBe(200)
    expect((await agent.get('/api/v1/agent/me')).status).toBe(401)
    expect((await hq.get('/api/v1/hq/tenants')).status).toBe(200) // HQ's own session is untouched
  })
})

describe('throttling never locks the real user out', () => {
  const makeUser = async () => {
    const email = unique('throttle')
    await db.user.create({
      data: { email, name: 'Throttle', passwordHash: await createPasswordHash('right-password'), isHqAdmin: true },
    })
    return email
  }

  it(`five wrong passwords from one address lock that address for the account, not the real user \
elsewhere`, async () => {
    const email = await makeUser()
    const attacker = new Client(rootHost(), '198.51.100.77')
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push((await attacker.post('/api/v1/auth/sign-in', { email, password: 'wrong', portal: 'hq' })).status)
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    const locked = await attacker.post('/api/v1/auth/sign-in', { email, password: 'right-password', portal: 'hq' }, en)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
    expect(locked.body).toMatchObject({ code: 'too_many_attempts', data: { retryAfterSeconds: expect.any(Number) } })
    expect(locked.body.message).toMatch(/Try again in 15 minute/)
    const owner = new Client(rootHost(), '192.0.2.10')
    expect((await owner.post('/api/v1/auth/sign-in', { email, password: 'right-password', portal: 'hq' })).status).toBe(
      200,
    )
  })

  it('a distributed guesser only slows the account down, by seconds, never locks it', async () => {
    const email = await makeUser()
    for (let i = 0; i < 11; i++)
      await new Client(rootHost(), `198.51.100.${100 + i}`).post('/api/v1/auth/sign-in', {
        email,
        password: `guess-${i}`,
        portal: 'hq',
      })
    const slowed = await new Client(rootHost(), '192.0.2.20').post('/api/v1/auth/sign-in', {
      email,
      password: 'right-password',
      portal: 'hq',
    })
    expect(slowed.status).toBe(429)
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60)
    const row = await db.authThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } })
    expect(row.lockedUntil).toBeNull()
  })

  it('an IPv6 attacker is counted by its /64, not per address', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`
    for (let i = 1; i <= 20; i++)
      await new Client(rootHost(), `${prefix}::${i.toString(16)}`).post('/api/v1/auth/sign-in', {
        email: unique('nobody'),
        password: 'x',
        portal: 'hq',
      })
    expect(
      (
        await new Client(rootHost(), `${prefix}::beef`).post('/api/v1/auth/sign-in', {
          email: 'hq@omotenasu.example',
          password: 'omotenasu-demo',
          portal: 'hq',
        })
      ).status,
    ).toBe(429)
    expect(
      (
        await new Client(rootHost(), `${prefix.replace(/:1$/, ':2')}::1`).post('/api/v1/auth/sign-in', {
          email: 'hq@omotenasu.example',
          password: 'omotenasu-demo',
          portal: 'hq',
        })
      ).status,
    ).toBe(200)
  })
})

describe('password reset and change', () => {
  it(`reset: the same answer for any address; the link works once, ends every session, and mails a \
notice`, async () => {
    const email = unique('reset')
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    await db.user.create({
      data: {
        email,
        name: 'Reset',
        passwordHash: await createPasswordHash('old-password-1'),
        memberships: { create: { tenantId: hotelA.id, role: 'staff' } },
      },
    })
    const signedIn = new Client(hotelHost('hotel-a'))
    await signedIn.signIn(email, 'hotel', 'old-password-1')

    const c = new Client(hotelHost('hotel-a'))
    const since = new Date()
    const known = await c.post('/api/v1/auth/password-reset', { email })
    const unknown = await c.post('/api/v1/auth/password-reset', { email: unique('nobody') })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(unknown.body).toEqual(known.body)
    const mail = await lastMail(db, email, 'password_reset', since)
    const { url, token } = linkIn(mail, '/reset-password')
    expect(url.host).toBe(hotelHost('hotel-a'))

    expect((await c.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' })).status).toBe(400)
    expect((await c.post('/api/v1/auth/password-reset/confirm', { token, password: 'new-password-12' })).status).toBe(
      200,
    )
    expect((await c.post('/api/v1/auth/password-reset/confirm', { token, password: 'third-password-1' })).status).toBe(
      400,
    )
    expect((await signedIn.get('/api/v1/tenant')).status).toBe(401)
    expect(await mailCount(db, email, 'password_changed')).toBe(1)
    // The reset token is not an invitation nor a hand-over.
    expect((await c.post('/api/v1/auth/accept-invite', { token, password: 'x-password-123' })).status).toBe(400)
    expect((await c.get(`/auth/handoff?token=${token}`)).headers.location).toBe('/login?handoff=expired')
    await new Client(hotelHost('hotel-a')).signIn(email, 'hotel', 'new-password-12')
  })

  it('reset requests are rate limited per address', async () => {
    const c = new Client(rootHost(), '198.51.100.201')
    const statuses = []
    for (let i = 0; i < 11; i++)
      statuses.push((await c.post('/api/v1/auth/password-reset', { email: unique('flood') })).status)
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('change: the current password is required; other sessions end, this one stays', async () => {
    const email = unique('change')
    await db.user.create({
      data: { email, name: 'Change', passwordHash: await createPasswordHash('first-password-1'), isHqAdmin: true },
    })
    const here = new Client(rootHost())
    const there = new Client(rootHost())
    await here.signIn(email, 'hq', 'first-password-1')
    await there.signIn(email, 'hq', 'first-password-1')
    const wrong = await here.post(
      '/api/v1/auth/password',
      { currentPassword: 'nope-nope-nope', newPassword: 'second-password-1' },
      en,
    )
    expect(wrong.status).toBe(400)
    expect(wrong.body.code).toBe('wrong_current_password')
    expect(
      (
        await here.post('/api/v1/auth/password', {
          currentPassword: 'first-password-1',
          newPassword: 'second-password-1',
        })
      ).status,
    ).toBe(200)
    expect((await here.get('/api/v1/hq/tenants')).status).toBe(200)
    expect((await there.get('/api/v1/hq/tenants')).status).toBe(401)
    await new Client(rootHost()).signIn(email, 'hq', 'second-password-1')
  })
})
