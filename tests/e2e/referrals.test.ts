// Customer referrals and VIP, and agent referral codes, over HTTP.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { lastMail, linkIn } from '../helpers/mail'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

describe('customer referrals and VIP', () => {
  it(`shows the benefits computed for this hotel; an invitation becomes a conversion, and the hotel becomes \
VIP`, async () => {
    const owner = new Client(hotelHost('hotel-b'))
    await owner.signIn('manager@hotel-b.example', 'hotel')
    const before = (await owner.get('/api/v1/tenant/referral-program')).body
    expect(before.benefits).toMatchObject({
      effectiveMonthlyFee: 115_200, // ¥128,000 yearly at 10% off
      commission: { rateBps: 500, months: 12, perMonthOnSamePlan: 5_760, totalOnSamePlan: 69_120 },
      ownDiscount: { rateBps: 1_000, months: 6, perMonth: 11_520, total: 69_120 },
    })
    const wasVip = before.vip.vip

    const invited = await owner.post('/api/v1/tenant/referrals', {
      hotelName: '湖畔の宿',
      contactName: '湖 太郎',
      email: 'taro@kohan.example',
    })
    expect(invited.status).toBe(201)
    expect(invited.body.code).toMatch(/^H-/)
    expect(invited.body.trackingUrl).toBe(`http://localhost:${appPort()}/signup?ref=${invited.body.code}`)
    const hotelB = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })
    expect(await db.referral.findUnique({ where: { code: invited.body.code } })).toMatchObject({
      referrerType: 'customer',
      referrerTenantId: hotelB.id,
      status: 'pending',
    })
    // The invited hotel is mailed (no SMTP_URL here: the mail stays readable in the outbox).
    const mail = await lastMail(db, 'taro@kohan.example', 'customer_referral_invitation')
    expect(mail.subject).toBe(`【OmotenasuAI】${hotelB.name} からのご紹介`)
    expect(linkIn(mail, '/signup').url.toString()).toBe(invited.body.trackingUrl)

    // The invited hotel signs up with the code and pays its first invoice.
    const slug = `kohan-${randomUUID().slice(0, 6)}`
    const signup = await new Client(rootHost()).post('/api/v1/signup', {
      hotelName: '湖畔の宿',
      subdomain: slug,
      ownerName: '湖 太郎',
      email: `${slug}@kohan.example`,
      password: 'correct-horse-battery',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
      referralCode: invited.body.code,
    })
    expect(signup.body.referral).toEqual({ code: invited.body.code, status: 'recorded' })
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } })
    const invoice = await db.invoice.findFirstOrThrow({ where: { tenantId: tenant.id } })
    await hq.post(`/api/v1/hq/invoices/${tenant.id}/${invoice.id}/pay`)
    await hq.post('/api/v1/hq/jobs/commissions/run')

    const after = (await owner.get('/api/v1/tenant/referral-program')).body
    const row = after.referrals.find((r: { code: string }) => r.code === invited.body.code)
    expect(row).toMatchObject({ status: 'converted', referredHotel: '湖畔の宿', earned: 1_490 }) // 5% of ¥29,800
    expect(after.vip).toMatchObject({
      vip: true,
      benefits: expect.arrayContaining(['priority_support', 'beta_access']),
    })
    expect(after.vip.convertedReferrals).toBeGreaterThanOrEqual(1)
    expect(wasVip || after.vip.vip).toBe(true)
  })

  it("staff cannot send invitations; another hotel's referrals are not shown", async () => {
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    expect(
      (await staff.post('/api/v1/tenant/referrals', { hotelName: 'x', contactName: 'y', email: 'z@z.example' })).status,
    ).toBe(403)
    const codesA = (await staff.get('/api/v1/tenant/referral-program')).body.referrals.map(
      (r: { code: string }) => r.code,
    )
    const hotelB = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })
    const codesB = (await db.referral.findMany({ where: { referrerTenantId: hotelB.id } })).map((r) => r.code)
    expect(codesB.length).toBeGreaterThan(0)
    expect(codesA.filter((c: string) => codesB.includes(c))).toEqual([])
  })
})

describe('agent referral codes', () => {
  it('codes are unique and unguessable, listed with status; other surfaces cannot issue them', async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    const codes = new Set<string>()
    for (let i = 0; i < 5; i++) codes.add((await agent.post('/api/v1/agent/referrals', { campaign: 'e2e' })).body.code)
    expect(codes.size).toBe(5)
    for (const code of codes)
      expect(code).toMatch(/^A-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    const listed = (await agent.get('/api/v1/agent/referrals')).body.map((r: { code: string }) => r.code)
    for (const code of codes) expect(listed).toContain(code)
    const gold = new Client(rootHost())
    await gold.signIn('agent-gold@agents.example', 'agent')
    const goldCodes = (await gold.get('/api/v1/agent/referrals')).body.map((r: { code: string }) => r.code)
    expect(goldCodes.filter((c: string) => codes.has(c))).toEqual([])
    const hotel = new Client(hotelHost('hotel-a'))
    await hotel.signIn('owner@hotel-a.example', 'hotel')
    expect((await hotel.post('/api/v1/agent/referrals', {})).status).toBe(404)
    expect((await agent.post('/api/v1/agent/referrals', { campaign: 'x'.repeat(101) })).status).toBe(400)
  })
})

describe('HQ agent management', () => {
  it(`registers an agent, overrides its rank with a reason, gives a diamond a territory once, and edits rank \
settings`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const a = await hq.post('/api/v1/hq/agents', {
      companyName: `関西営業 ${randomUUID().slice(0, 4)}`,
      contactName: '営業 一郎',
      email: `${randomUUID().slice(0, 6)}@agent.example`,
    })
    const b = await hq.post('/api/v1/hq/agents', {
      companyName: `九州営業 ${randomUUID().slice(0, 4)}`,
      contactName: '営業 二郎',
      email: `${randomUUID().slice(0, 6)}@agent.example`,
    })
    expect(a.status).toBe(201)
    expect(a.body.rank).toBe('bronze')

    const notDiamond = await hq.patch(`/api/v1/hq/agents/${a.body.id}`, { territory: '奈良県' })
    expect(notDiamond.status).toBe(409)
    expect(notDiamond.body).toMatchObject({
      code: 'territory_needs_diamond',
      message: expect.stringMatching(/ダイヤモンドランクの代理店のみ/),
    })
    // reason too short
    expect((await hq.post(`/api/v1/hq/agents/${a.body.id}/rank`, { rank: 'diamond', reason: 'x' })).status).toBe(400)
    expect(
      (
        await hq.post(`/api/v1/hq/agents/${a.body.id}/rank`, {
          rank: 'diamond',
          reason: 'Strategic partner agreement 2026',
        })
      ).body.rank,
    ).toBe('diamond')
    await hq.post(`/api/v1/hq/agents/${b.body.id}/rank`, {
      rank: 'diamond',
      reason: 'Strategic partner agreement 2026',
    })
    const territory = '奈良県'
    // Only a diamond holds a territory: the diamond agents are the ones to look through.
    const agents = (await hq.get('/api/v1/hq/agents?rank=diamond&pageSize=100')).body.items as {
      id: string
      territory: string | null
    }[]
    for (const held of agents.filter((x) => x.territory === territory))
      await hq.patch(`/api/v1/hq/agents/${held.id}`, { territory: null })
    expect((await hq.patch(`/api/v1/hq/agents/${a.body.id}`, { territory })).body.territory).toBe(territory)
    const second = await hq.patch(`/api/v1/hq/agents/${b.body.id}`, { territory })
    expect(second.status).toBe(409)
    expect(second.body.data.holder.id).toBe(a.body.id)
    expect((await hq.patch(`/api/v1/hq/agents/${b.body.id}`, { territory: 'Atlantis' })).status).toBe(400)

    // Losing diamond releases the territory.
    await hq.post(`/api/v1/hq/agents/${a.body.id}/rank`, { rank: 'platinum', reason: 'Agreement ended in 2026' })
    const after = (
      (await hq.get(`/api/v1/hq/agents?q=${encodeURIComponent(a.body.email)}`)).body.items as {
        id: string
        territory: string | null
        rankChanges: { kind: string; reason: string }[]
      }[]
    ).find((x) => x.id === a.body.id)!
    expect(after.territory).toBeNull()
    expect(after.rankChanges[0]).toMatchObject({ kind: 'override', reason: 'HQ override: Agreement ended in 2026' })

    const silver = await hq.patch('/api/v1/hq/rank-settings/silver', { continuingMarginBps: 1_300 })
    expect(silver.body.continuingMarginBps).toBe(1_300)
    expect((await hq.patch('/api/v1/hq/rank-settings/silver', { continuingMarginBps: 12_000 })).status).toBe(400)
    expect((await hq.patch('/api/v1/hq/rank-settings/silver', { continuingMarginBps: 1_200 })).status).toBe(200)
    expect(
      await db.auditLog.count({ where: { entity: 'agent_rank_setting', entityId: 'silver' } }),
    ).toBeGreaterThanOrEqual(2)

    const agentUser = new Client(rootHost())
    await agentUser.signIn('agent-gold@agents.example', 'agent')
    expect((await agentUser.get('/api/v1/hq/agents')).status).toBe(403)
  })
})

describe('agent users and referral refusals', () => {
  it(`HQ invites a person to an agent by email; the mailed link creates the account once, on the root domain \
only`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const agent = (
      await hq.post('/api/v1/hq/agents', {
        companyName: `東北営業 ${randomUUID().slice(0, 4)}`,
        contactName: '営業 三郎',
        email: `${randomUUID().slice(0, 6)}@agent.example`,
      })
    ).body
    const email = `${randomUUID().slice(0, 8)}@tohoku-agent.example`
    const since = new Date()
    const invited = await hq.post(`/api/v1/hq/agents/${agent.id}/users`, { email, name: '東北 花子' })
    expect(invited.status).toBe(201)
    expect(JSON.stringify(invited.body)).not.toMatch(/token|http/)
    expect((await hq.get(`/api/v1/hq/agents/${agent.id}/users`)).body).toMatchObject({
      users: [],
      invitations: [expect.objectContaining({ email })],
    })
    const mail = await lastMail(db, email, 'agent_invitation', since)
    const { url, token } = linkIn(mail, '/agent/invite')
    expect(url.origin).toBe(`http://localhost:${appPort()}`)
    expect(
      await db.auditLog.count({ where: { entity: 'invitation', after: { path: ['agentId'], equals: agent.id } } }),
    ).toBe(1)
    expect(
      (await hq.post(`/api/v1/hq/agents/${agent.id}/users`, { email: 'hq@omotenasu.example', name: 'HQ' })).status,
    ).toBe(409)
    expect((await hq.post(`/api/v1/hq/agents/${agent.id}/users`, { email: 'not-an-email', name: 'x' })).status).toBe(
      400,
    )

    // Not on a hotel's host: the link belongs to the root domain.
    expect(
      (
        await new Client(hotelHost('hotel-a')).post('/api/v1/auth/accept-invite', {
          token,
          password: 'agent-password-123',
        })
      ).status,
    ).toBe(400)
    const person = new Client(rootHost())
    const accepted = await person.post('/api/v1/auth/accept-invite', { token, password: 'agent-password-123' })
    expect(accepted.body).toMatchObject({ portal: 'agent' })
    expect((await person.get('/api/v1/agent/me')).status).toBe(200)
    expect(
      (await new Client(rootHost()).post('/api/v1/auth/accept-invite', { token, password: 'agent-password-456' }))
        .status,
    ).toBe(400) // once
    const again = new Client(rootHost())
    await again.signIn(email, 'agent', 'agent-password-123')
    expect((await again.get('/api/v1/agent/me')).status).toBe(200)
    expect((await hq.get(`/api/v1/hq/agents/${agent.id}/users`)).body).toMatchObject({
      users: [expect.objectContaining({ email })],
      invitations: [],
    })

    // A hotel's invitation token is refused on the root domain.
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    const staffEmail = `${randomUUID().slice(0, 8)}@hotel-a.example`
    await owner.post('/api/v1/tenant/members', { email: staffEmail, name: 'New', role: 'staff' })
    const staffToken = linkIn(await lastMail(db, staffEmail, 'hotel_invitation', since), '/invite').token
    expect(
      (
        await new Client(rootHost()).post('/api/v1/auth/accept-invite', {
          token: staffToken,
          password: 'agent-password-123',
        })
      ).status,
    ).toBe(400)
  })

  it(`refuses an agent code for a hotel its own company operates, and a hotel inviting itself, with the \
reason`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const company = `株式会社 湯けむりホテルズ${randomUUID().slice(0, 4)}`
    const agent = (
      await hq.post('/api/v1/hq/agents', {
        companyName: company,
        contactName: '湯 太郎',
        email: `sales@yukemuri-${randomUUID().slice(0, 4)}.example`,
      })
    ).body
    const code = (
      await db.referral.create({
        data: { code: `A-SAME-${randomUUID().slice(0, 8)}`, referrerType: 'agent', referrerAgentId: agent.id },
      })
    ).code
    const slug = `yukemuri-${randomUUID().slice(0, 6)}`
    const signup = await new Client(rootHost()).post('/api/v1/signup', {
      hotelName: '湯けむり本館',
      operatingCompany: `${company.replace('株式会社 ', '')}(株)`,
      subdomain: slug,
      ownerName: '湯 花子',
      email: `${slug}@owner.example`,
      password: 'correct-horse-battery',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
      referralCode: code,
    })
    expect(signup.status).toBe(201)
    expect(signup.body.referral).toMatchObject({
      code,
      status: 'ignored',
      reason: expect.stringMatching(/own company/),
    })
    expect(await db.referral.findUnique({ where: { code } })).toMatchObject({
      referredTenantId: null,
      status: 'pending',
    })

    const owner = new Client(hotelHost('hotel-b'))
    await owner.signIn('manager@hotel-b.example', 'hotel')
    const self = await owner.post('/api/v1/tenant/referrals', {
      hotelName: '自分のホテル',
      contactName: 'Me',
      email: 'manager@hotel-b.example',
    })
    expect(self.status).toBe(400)
    expect(self.body).toMatchObject({
      code: 'self_referral_own_staff',
      message: expect.stringMatching(/紹介できません/),
    })
  })
})

describe('PMS vendor referrals and the agent dashboard', () => {
  it(`a vendor issues codes with its API key and sees its referrals and commissions; the agent dashboard counts \
contracts`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const mews = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'mews' } })
    const { key } = (await hq.post(`/api/v1/hq/pms-vendors/${mews.id}/api-keys`, { name: 'referrals' })).body
    const vendor = new Client(rootHost())
    const auth = { authorization: `Bearer ${key}` }
    const issued = await vendor.post('/api/v1/pms/referrals', { campaign: 'Mews Japan 2026' }, { headers: auth })
    expect(issued.status).toBe(201)
    expect(issued.body.code).toMatch(/^P-/)
    expect(
      (await vendor.get('/api/v1/pms/referrals', { headers: auth })).body.map((r: { code: string }) => r.code),
    ).toContain(issued.body.code)
    expect((await vendor.get('/api/v1/pms/commissions', { headers: auth })).body).toMatchObject({
      partnershipLevel: 'preferred',
      commissionRateBps: 2_000,
      ledger: expect.any(Array),
    })
    expect((await vendor.post('/api/v1/pms/referrals', {}, { headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    )

    const gold = new Client(rootHost())
    await gold.signIn('agent-gold@agents.example', 'agent')
    const dash = (await gold.get('/api/v1/agent/dashboard')).body
    const goldAgent = await db.agent.findFirstOrThrow({ where: { email: 'agent-gold@agents.example' } })
    expect(dash).toMatchObject({
      rank: 'gold',
      contracts: await db.referral.count({ where: { referrerAgentId: goldAgent.id, status: 'converted' } }),
      nextRank: { rank: 'platinum', requirement: 30_000_000 },
    })
  })
})
