// The mail outbox over HTTP: a hotel's referral invitation lands in the outbox (no SMTP_URL in this
// run), HQ reads it through the API and the page; nobody else can.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueMail } from '../../server/services/mail'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

describe('HQ outbox', () => {
  const hq = new Client(rootHost())
  beforeAll(async () => {
    await hq.signIn('hq@omotenasu.example', 'hq')
  })

  it("a hotel's referral invitation is filed in the outbox and HQ reads it, body and link included", async () => {
    const manager = new Client(hotelHost('hotel-b'))
    await manager.signIn('manager@hotel-b.example', 'hotel')
    const email = `contact-${randomUUID().slice(0, 8)}@ryokan.example`
    const invited = await manager.post('/api/v1/tenant/referrals', {
      hotelName: '山の宿',
      contactName: '山田 太郎',
      email,
    })
    expect(invited.status).toBe(201)

    // Delivered after commit: without SMTP_URL that means filed in the outbox, body kept.
    await expect
      .poll(async () => (await hq.get(`/api/v1/hq/outbox?to=${encodeURIComponent(email)}`)).body.items?.[0]?.status)
      .toBe('outbox')
    const { status, body } = await hq.get(`/api/v1/hq/outbox?to=${encodeURIComponent(email.toUpperCase())}`)
    expect(status).toBe(200)
    expect(body.total).toBe(1)
    expect(body.items[0]).toMatchObject({
      to: email,
      kind: 'customer_referral_invitation',
      locale: 'ja',
      status: 'outbox',
      sentAt: null,
      subject: expect.stringContaining('からのご紹介'),
    })
    expect(body.items[0].text).toContain(invited.body.trackingUrl)
    expect(body.items[0].text).toContain('山田 太郎 様')
  })

  it('newest first, paginated, filtered by recipient', async () => {
    const to = `paging-${randomUUID().slice(0, 8)}@hotel.example`
    for (const n of [1, 2, 3]) {
      await enqueueMail(db, {
        to,
        locale: 'en',
        template: 'notice',
        data: { subject: `Notice ${n}`, body: `Body ${n}` },
      })
      await new Promise((r) => setTimeout(r, 5))
    }
    const first = await hq.get(`/api/v1/hq/outbox?to=${encodeURIComponent(to)}&pageSize=2`)
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    expect(first.body.items.map((m: { subject: string }) => m.subject)).toEqual([
      '[OmotenasuAI] Notice 3',
      '[OmotenasuAI] Notice 2',
    ])
    const second = await hq.get(`/api/v1/hq/outbox?to=${encodeURIComponent(to)}&pageSize=2&page=2`)
    expect(second.body.items.map((m: { subject: string }) => m.subject)).toEqual(['[OmotenasuAI] Notice 1'])
    expect((await hq.get('/api/v1/hq/outbox?pageSize=1000')).status).toBe(400)
  })

  it('the page lists the outbox for HQ', async () => {
    const page = await hq.get('/hq/outbox', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(page.text).toContain('outbox-table')
  })

  it('a hotel manager, an agent and strangers cannot read it', async () => {
    const manager = new Client(hotelHost('hotel-b'))
    await manager.signIn('manager@hotel-b.example', 'hotel')
    expect((await manager.get('/api/v1/hq/outbox')).status).toBe(404) // HQ does not exist on a hotel's host
    const agent = new Client(rootHost())
    await agent.signIn('agent-gold@agents.example', 'agent')
    expect((await agent.get('/api/v1/hq/outbox')).status).toBe(403)
    expect((await new Client(rootHost()).get('/api/v1/hq/outbox')).status).toBe(401)
  })
})
