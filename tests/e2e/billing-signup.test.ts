// Issue 3 over HTTP: signup (validation, referral codes, hand-over to the subdomain), plan limits,
// subscription changes, invoices and HQ payments.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

const newSlug = () => `e2e-${randomUUID().slice(0, 8)}`
const signupBody = (over: Record<string, unknown> = {}) => ({
  hotelName: '湯の宿 テスト',
  subdomain: newSlug(),
  ownerName: '山田 太郎',
  email: `${randomUUID().slice(0, 8)}@hotel.example`,
  password: 'correct-horse-battery',
  planCode: 'LEISURE_STANDARD',
  billingCycle: 'yearly',
  rooms: 40,
  ...over,
})

async function agentCode() {
  const agent = await db.agent.findFirstOrThrow({ where: { email: 'agent-gold@agents.example' } })
  const referral = await db.referral.create({
    data: { code: `E2E-${randomUUID().slice(0, 8).toUpperCase()}`, referrerType: 'agent', referrerAgentId: agent.id },
  })
  return referral.code
}

describe('signup', () => {
  it(`creates the hotel, its owner and first invoice, and hands the owner over to the subdomain signed \
in`, async () => {
    const root = new Client(rootHost())
    const body = signupBody()
    const res = await root.post('/api/v1/signup', body)
    expect(res.status).toBe(201)
    expect(res.body.redirectTo).toMatch(
      new RegExp(`^http://${body.subdomain}\\.localhost:${appPort()}/auth/handoff\\?token=`),
    )
    expect(res.body.invoice).toMatchObject({
      total: Math.floor(59_800 * 12 * 0.9) + Math.floor(Math.floor(59_800 * 12 * 0.9) * 0.1),
    })

    const hotel = new Client(hotelHost(body.subdomain))
    const path = new URL(res.body.redirectTo).pathname + new URL(res.body.redirectTo).search
    const handoff = await hotel.get(path)
    expect(handoff.status).toBe(302)
    expect(handoff.headers.location).toBe('/?welcome=1')
    expect((await hotel.get('/api/v1/tenant')).body).toMatchObject({
      slug: body.subdomain,
      role: 'owner',
      plan: { code: 'LEISURE_STANDARD' },
    })
    expect((await hotel.get('/api/v1/tenant/subscription')).body).toMatchObject({
      billingCycle: 'yearly',
      effectiveMonthlyFee: 53_820,
      guarantee: { days: 30, active: true },
    })

    const replay = await new Client(hotelHost(body.subdomain)).get(path)
    expect(replay.headers.location).toBe('/login?handoff=expired')
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: body.subdomain } })
    expect(tenant).toMatchObject({ declaredRooms: 40, billingCycle: 'yearly', discountRateBps: 1_000 })
  })

  it("a hand-over token only works on its own hotel's host", async () => {
    const body = signupBody()
    const res = await new Client(rootHost()).post('/api/v1/signup', body)
    const url = new URL(res.body.redirectTo)
    const elsewhere = await new Client(hotelHost('hotel-a')).get(url.pathname + url.search)
    expect(elsewhere.headers.location).toBe('/login?handoff=expired')
  })

  it.each([
    ['a reserved subdomain', { subdomain: 'admin' }, 400, 'subdomain'],
    ['an invalid subdomain', { subdomain: 'Hotel_A!' }, 400, 'subdomain'],
    ['more rooms than the plan allows', { planCode: 'LEISURE_ECONOMY', rooms: 31 }, 400, 'rooms'],
    ['a short password', { password: 'short' }, 400, 'password'],
    ['an unknown field', { coupon: 'FREE' }, 400, '_'],
  ])('refuses %s with the field named', async (_name, over, status, field) => {
    const res = await new Client(rootHost()).post('/api/v1/signup', signupBody(over))
    expect(res.status).toBe(status)
    expect(Object.keys(res.body.data?.fields ?? {}).join(',')).toContain(field === '_' ? '' : field)
    if (field === 'rooms') expect(res.body.message).toMatch(/30室までのプラン/)
  })

  it('a taken subdomain is refused with a suggestion; a registered email is refused', async () => {
    const taken = await new Client(rootHost()).post('/api/v1/signup', signupBody({ subdomain: 'hotel-a' }))
    expect(taken.status).toBe(409)
    expect(taken.body.data.suggestion).toMatch(/^hotel-a-\d+$/)
    expect(taken.body.message).toContain(taken.body.data.suggestion)
    const email = await new Client(rootHost()).post('/api/v1/signup', signupBody({ email: 'owner@hotel-a.example' }))
    expect(email.status).toBe(409)
    expect(email.body.data.fields).toHaveProperty('email')
  })

  it("signup is refused on a hotel's host", async () => {
    expect((await new Client(hotelHost('hotel-a')).post('/api/v1/signup', signupBody())).status).toBe(404)
  })

  it('?ref=CODE on the root domain is remembered for 90 days', async () => {
    const res = await new Client(rootHost()).get('/?ref=ABCD-1234', { headers: { accept: 'text/html' } })
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('omotenasu_ref='))
    expect(cookie).toMatch(/omotenasu_ref=ABCD-1234/)
    expect(cookie).toMatch(/Max-Age=7776000/)
    const onHotel = await new Client(hotelHost('hotel-a')).get('/login?ref=ABCD-1234', {
      headers: { accept: 'text/html' },
    })
    expect([onHotel.headers['set-cookie']].flat().some((c) => c?.startsWith('omotenasu_ref='))).toBe(false)
  })

  it(`a valid referral code is recorded as pending on the new hotel; an invalid one is ignored with a \
note`, async () => {
    const code = await agentCode()
    expect((await new Client(rootHost()).get(`/api/v1/referrals/check?code=${code}`)).body).toMatchObject({
      valid: true,
      referrerType: 'agent',
    })
    const body = signupBody({ referralCode: code })
    const res = await new Client(rootHost()).post('/api/v1/signup', body)
    expect(res.body.referral).toEqual({ code, status: 'recorded' })
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: body.subdomain } })
    expect(await db.referral.findUnique({ where: { code } })).toMatchObject({
      referredTenantId: tenant.id,
      status: 'pending',
    })

    const reused = await new Client(rootHost()).post('/api/v1/signup', signupBody({ referralCode: code }))
    expect(reused.status).toBe(201)
    expect(reused.body.referral).toMatchObject({ code, status: 'ignored' })
    const bogus = await new Client(rootHost()).post('/api/v1/signup', signupBody({ referralCode: 'NO-SUCH-CODE' }))
    expect(bogus.status).toBe(201)
    expect(bogus.body.referral).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/does not exist/) })
    // The signup page shows why a code cannot be used, in the page's language.
    const check = (lang: string) =>
      new Client(rootHost()).get('/api/v1/referrals/check?code=NO-SUCH-CODE', { headers: { 'accept-language': lang } })
    expect((await check('ja')).body).toEqual({
      code: 'NO-SUCH-CODE',
      valid: false,
      reason: 'この紹介コードは存在しません。',
    })
    expect((await check('en')).body).toMatchObject({ valid: false, reason: 'This referral code does not exist.' })
  })
})

describe('plan limits', () => {
  it("a room past the plan's limit is 409 with the limit, and the rooms stay at the limit", async () => {
    const body = signupBody({ planCode: 'LEISURE_ECONOMY', billingCycle: 'monthly', rooms: 30 })
    const res = await new Client(rootHost()).post('/api/v1/signup', body)
    const owner = new Client(hotelHost(body.subdomain))
    const url = new URL(res.body.redirectTo)
    await owner.get(url.pathname + url.search)
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: body.subdomain } })
    await db.room.createMany({
      data: Array.from({ length: 29 }, (_, i) => ({ tenantId: tenant.id, roomNumber: String(100 + i) })),
    })
    const [a, b] = await Promise.all([
      owner.post('/api/v1/tenant/rooms', { roomNumber: 'LAST-A' }),
      owner.post('/api/v1/tenant/rooms', { roomNumber: 'LAST-B' }),
    ])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    const refused = [a, b].find((r) => r.status === 409)!
    expect(refused.body).toMatchObject({ data: { limit: 30, used: 30 } })
    expect(refused.body).toMatchObject({ code: 'room_limit_reached', message: expect.stringMatching(/30室まで/) })
    expect(await db.room.count({ where: { tenantId: tenant.id } })).toBe(30)
    expect((await owner.get('/api/v1/tenant/entitlements')).body).toMatchObject({
      rooms: { used: 30, limit: 30, left: 0 },
    })
  })

  it('a feature the plan lacks is 403 naming the cheapest plan that has it', async () => {
    const economy = new Client(hotelHost('hotel-a'))
    await economy.signIn('owner@hotel-a.example', 'hotel')
    const res = await economy.get('/api/v1/tenant/analytics')
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({
      code: 'feature_not_in_plan',
      message: expect.stringMatching(/「分析」.*「Omotenasu Professional」以上のプラン/),
    })
    expect(res.body.data).toMatchObject({ feature: 'analytics', requiredPlan: 'OMOTENASU_PROFESSIONAL' })
    const ent = (await economy.get('/api/v1/tenant/entitlements')).body
    expect(ent.features.ai_voice).toEqual({
      allowed: false,
      requiredPlan: { planCode: 'LEISURE_STANDARD', name: 'Leisure Standard' },
    })
    expect(ent.features.ai_chat).toEqual({ allowed: true })

    const professional = new Client(hotelHost('hotel-b'))
    await professional.signIn('manager@hotel-b.example', 'hotel')
    expect((await professional.get('/api/v1/tenant/analytics')).status).toBe(200)
  })
})

describe('subscription and invoices', () => {
  it('only an owner changes the plan; the change waits for the next period and is audited', async () => {
    const staff = new Client(hotelHost('hotel-b'))
    await staff.signIn('owner@hotel-c.example', 'hotel') // staff of hotel-b
    expect(
      (
        await staff.call('PUT', '/api/v1/tenant/subscription', {
          body: { planCode: 'OMOTENASU_ENTERPRISE', billingCycle: 'yearly' },
        })
      ).status,
    ).toBe(403)

    const owner = new Client(hotelHost('hotel-c'))
    await owner.signIn('owner@hotel-c.example', 'hotel')
    const changed = await owner.call('PUT', '/api/v1/tenant/subscription', {
      body: { planCode: 'LEISURE_ECONOMY', billingCycle: 'monthly' },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.plan.planCode).toBe('OMOTENASU_ENTERPRISE')
    expect(changed.body.pendingChange).toMatchObject({
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      effectiveOn: changed.body.nextInvoiceDate,
    })
    const hotelC = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-c' } })
    const audit = await db.auditLog.findFirst({
      where: { tenantId: hotelC.id, entity: 'subscription' },
      orderBy: { occurredAt: 'desc' },
    })
    expect(audit).toMatchObject({
      before: { planCode: 'OMOTENASU_ENTERPRISE' },
      after: { pendingPlanCode: 'LEISURE_ECONOMY' },
    })
    const back = await owner.call('PUT', '/api/v1/tenant/subscription', {
      body: { planCode: 'OMOTENASU_ENTERPRISE', billingCycle: 'biennial' },
    })
    expect(back.body.pendingChange).toBeNull()
  })

  it("invoices list with their lines; another hotel's invoice is 404; HQ records a payment once", async () => {
    const managerB = new Client(hotelHost('hotel-b'))
    await managerB.signIn('manager@hotel-b.example', 'hotel')
    const list = await managerB.get('/api/v1/tenant/invoices')
    expect(list.status).toBe(200)
    expect(list.body[0]).toMatchObject({ status: 'paid', billingCycle: 'yearly', months: 12 })
    expect(list.body[0].lines.reduce((s: number, l: { amount: number }) => s + l.amount, 0)).toBe(list.body[0].subtotal)
    const one = await managerB.get(`/api/v1/tenant/invoices/${list.body[0].id}`)
    expect(one.body).toMatchObject({
      number: list.body[0].number,
      buyerName: expect.any(String),
      sellerRegistrationNumber: expect.stringMatching(/^T\d{13}$/),
    })

    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    const invoiceA = await db.invoice.findFirstOrThrow({ where: { tenantId: hotelA.id } })
    expect((await managerB.get(`/api/v1/tenant/invoices/${invoiceA.id}`)).status).toBe(404)

    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const open = (await hq.get('/api/v1/hq/invoices?status=open&pageSize=100')).body.items as { id: string }[]
    expect(open.some((i) => i.id === invoiceA.id)).toBe(true)
    const paid = await hq.post(`/api/v1/hq/invoices/${hotelA.id}/${invoiceA.id}/pay`)
    expect(paid.status).toBe(200)
    expect(paid.body.status).toBe('paid')
    expect((await hq.post(`/api/v1/hq/invoices/${hotelA.id}/${invoiceA.id}/pay`)).status).toBe(409)
    expect(await db.payment.count({ where: { tenantId: hotelA.id, invoiceId: invoiceA.id } })).toBe(1)
  })
})
