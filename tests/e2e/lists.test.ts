// The long lists over HTTP: the page shape, a bad query answered in the request's language, the CSV
// download (type, file name, BOM, header language), and the doors (an agent never reads HQ lists).
import { describe, expect, it } from 'vitest'
import { Client, rootHost } from '../helpers/http'

const signedIn = async (email: string, portal: 'agent' | 'hq') => {
  const c = new Client(rootHost())
  await c.signIn(email, portal)
  return c
}

describe('HQ lists over HTTP', () => {
  it.each([
    '/api/v1/hq/tenants',
    '/api/v1/hq/invoices',
    '/api/v1/hq/agents',
    '/api/v1/hq/audit-logs',
    '/api/v1/hq/job-runs',
  ])('%s answers { items, total, page, pageSize } and refuses pageSize=101 in ja and en', async (path) => {
    const hq = await signedIn('hq@omotenasu.example', 'hq')
    const ok = await hq.get(`${path}?pageSize=2`)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ page: 1, pageSize: 2 })
    expect(ok.body.items.length).toBeLessThanOrEqual(2)
    expect(typeof ok.body.total).toBe('number')
    const ja = await hq.get(`${path}?pageSize=101`, { headers: { 'accept-language': 'ja' } })
    expect(ja.status).toBe(400)
    expect(ja.body.data.fields.pageSize).toBe('1ページの件数は1から100までです。')
    const en = await hq.get(`${path}?pageSize=101`, { headers: { 'accept-language': 'en' } })
    expect(en.body.data.fields.pageSize).toBe('Between 1 and 100 rows per page.')
  })

  it('downloads the tenants as CSV: UTF-8 with BOM, headers in the language asked', async () => {
    const hq = await signedIn('hq@omotenasu.example', 'hq')
    const ja = await hq.get('/api/v1/hq/tenants?format=csv&q=hotel-a', { headers: { 'accept-language': 'ja' } })
    expect(ja.status).toBe(200)
    expect(ja.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/)
    expect(ja.headers['content-disposition']).toMatch(/^attachment; filename="hotels-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(ja.text.startsWith('\uFEFFホテル名,サブドメイン,')).toBe(true)
    expect(ja.text).toContain('hotel-a')
    const en = await hq.get('/api/v1/hq/tenants?format=csv&q=hotel-a', { headers: { 'accept-language': 'en' } })
    expect(en.text.startsWith('\uFEFFHotel,Subdomain,')).toBe(true)
  })

  it('an agent reads its own commissions but no HQ list', async () => {
    const agent = await signedIn('agent-gold@agents.example', 'agent')
    expect((await agent.get('/api/v1/hq/audit-logs')).status).toBe(403)
    const mine = await agent.get('/api/v1/agent/commissions?pageSize=5')
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ page: 1, pageSize: 5 })
    const csv = await agent.get('/api/v1/agent/commissions?format=csv', { headers: { 'accept-language': 'en' } })
    expect(csv.text.startsWith('\uFEFFMonth,Hotel,Referral code,')).toBe(true)
  })
})
