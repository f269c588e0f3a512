// Payouts over HTTP: the agent's bank account and registration number, HQ's monthly batch, its
// CSV and Zengin exports, and marking it transferred.
import { randomUUID } from 'node:crypto'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { addMonthsToMonth } from '../../shared/domain/referrals'
import { periodKey } from '../../shared/domain/schedule'
import { e2eDb } from '../helpers/e2e-db'
import { Client, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => { await db.$disconnect() })

describe('payouts', () => {
  it('an agent sets its account; HQ pays out a closed month, exports CSV and a Zengin file, and marks it transferred', async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    const badBank = await agent.call('PUT', '/api/v1/agent/bank-account', { body: { bankCode: '9998', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567', holderKana: 'トウキヨウセールス' } })
    expect(badBank.status).toBe(400)
    expect(badBank.body.data.fields).toHaveProperty('bankCode')
    const bank = await agent.call('PUT', '/api/v1/agent/bank-account', { body: { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '7654321', holderKana: 'トウキョウ セールス ワークス' } })
    expect(bank.status).toBe(200)
    expect(bank.body).toMatchObject({ bankName: 'ﾐｽﾞﾎ', holderKana: 'ﾄｳｷﾖｳ ｾｰﾙｽ ﾜｰｸｽ' })
    expect((await agent.call('PUT', '/api/v1/agent/invoice-registration', { body: { registrationNumber: 'T1234' } })).status).toBe(400)
    expect((await agent.call('PUT', '/api/v1/agent/invoice-registration', { body: { registrationNumber: 'T7000012050002' } })).body).toEqual({ registrationNumber: 'T7000012050002' })

    // Three months of commissions of a hotel past its guarantee period, in closed months.
    const closed = addMonthsToMonth(periodKey(new Date(), 'month'), -1)
    const bronze = await db.agent.findFirstOrThrow({ where: { email: 'agent-bronze@agents.example' } })
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const start = addMonthsToMonth(closed, -3)
    const tenant = await db.tenant.create({ data: { slug: `pay-${randomUUID().slice(0, 6)}`, name: '支払テスト旅館', planId: plan.id, contractStartDate: new Date(`${start}-01`) } })
    const referral = await db.referral.create({ data: { code: `PAY-${randomUUID().slice(0, 8)}`, referrerType: 'agent', referrerAgentId: bronze.id, referredTenantId: tenant.id, status: 'converted' } })
    for (let i = 0; i < 3; i++) {
      await db.referralPayment.create({ data: { tenantId: tenant.id, referralId: referral.id, paymentMonth: new Date(`${addMonthsToMonth(start, i + 1)}-01`), contractMonth: i + 2, feeAttributable: 30_000, rateBps: 2_000, amount: 6_000 } })
    }

    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    expect((await hq.post('/api/v1/hq/payouts', { month: periodKey(new Date(), 'month') })).status).toBe(400) // not closed yet
    const batch = await hq.post('/api/v1/hq/payouts', { month: closed })
    expect(batch.status).toBe(200)
    const mine = ((await hq.get(`/api/v1/hq/payouts?month=${closed}`)).body as { id: string; payeeId: string; amount: number; tax: number; total: number }[]).find((p) => p.payeeId === bronze.id)!
    expect(mine).toMatchObject({ amount: 18_000, tax: 1_800, total: 19_800, registrationNumber: 'T7000012050002' })
    expect((await hq.post('/api/v1/hq/payouts', { month: closed })).body.created).toBe(0)

    const csv = await hq.get(`/api/v1/hq/payouts/export.csv?month=${closed}`)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.text.charCodeAt(0)).toBe(0xFEFF)
    expect(csv.text).toContain('"Tokyo Sales Works","' + closed + '","18000","1800","19800","T7000012050002","0001","001","ordinary","7654321"')

    const zengin = await hq.call('GET', `/api/v1/hq/payouts/zengin?month=${closed}&date=2026-12-10`, { headers: { accept: '*/*' } })
    expect(zengin.status).toBe(200)
    expect(zengin.headers['content-type']).toMatch(/Shift_JIS/i)
    const raw = await fetchBytes(`/api/v1/hq/payouts/zengin?month=${closed}&date=2026-12-10`, hq)
    const lines = raw.toString('latin1').split('\r\n').filter(Boolean)
    expect(lines.every((l) => Buffer.from(l, 'latin1').length === 120)).toBe(true)
    const records = lines.map((l) => iconv.decode(Buffer.from(l, 'latin1'), 'Shift_JIS'))
    expect(records[0]!.slice(0, 3)).toBe('121')
    expect(records.some((r) => r.startsWith('20001') && r.includes('ﾄｳｷﾖｳ ｾｰﾙｽ ﾜｰｸｽ') && r.slice(80, 90) === '0000019800')).toBe(true)
    expect(records.at(-1)!.startsWith('9')).toBe(true)

    expect((await hq.post(`/api/v1/hq/payouts/${mine.id}/paid`)).body.status).toBe('paid')
    expect(await db.referralPayment.count({ where: { referralId: referral.id, status: 'paid' } })).toBe(3)
    expect(((await agent.get('/api/v1/agent/payouts')).body as { id: string; paidAt: string | null }[]).find((p) => p.id === mine.id)?.paidAt).toBeTruthy()
    const statement = await agent.get(`/api/v1/agent/payouts/${mine.id}`)
    expect(statement.body).toMatchObject({ payeeName: 'Tokyo Sales Works', total: 19_800, registrationNumber: 'T7000012050002' })
    expect(statement.body.lines).toHaveLength(3)
    const gold = new Client(rootHost())
    await gold.signIn('agent-gold@agents.example', 'agent')
    expect((await gold.get(`/api/v1/agent/payouts/${mine.id}`)).status).toBe(404) // another agent's statement
  })
})

/** The raw bytes of a download (the JSON/text client decodes as UTF-8). */
async function fetchBytes(path: string, client: Client): Promise<Buffer> {
  const { request } = await import('node:http')
  const { appPort } = await import('../helpers/http')
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: appPort(), path, headers: { host: client.host, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks)))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('sales materials', () => {
  function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
    const boundary = `----omotenasu${randomUUID().replaceAll('-', '')}`
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`))
    return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
  }

  it('HQ publishes by minimum rank; an agent sees and downloads only its rank or below', async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const pdf = Buffer.from('%PDF-1.4\n% OmotenasuAI brochure\n%%EOF\n')
    const upload = async (title: string, minRank: string, type = 'application/pdf') => {
      const m = multipart({ title, minRank }, { name: `${title}.pdf`, type, data: pdf })
      return hq.call('POST', '/api/v1/hq/materials', { rawBody: m.body, headers: { 'content-type': m.contentType } })
    }
    const basic = await upload(`基本パンフレット ${randomUUID().slice(0, 4)}`, 'bronze')
    const gold = await upload(`共同ブランド資料 ${randomUUID().slice(0, 4)}`, 'gold')
    expect([basic.status, gold.status]).toEqual([201, 201])
    expect((await upload('script', 'bronze', 'application/x-sh')).status).toBe(400)

    const bronzeAgent = new Client(rootHost())
    await bronzeAgent.signIn('agent-bronze@agents.example', 'agent')
    const visible = (await bronzeAgent.get('/api/v1/agent/materials')).body.map((m: { id: string }) => m.id)
    expect(visible).toContain(basic.body.id)
    expect(visible).not.toContain(gold.body.id)
    const refused = await bronzeAgent.get(`/api/v1/agent/materials/${gold.body.id}`)
    expect(refused.status).toBe(403)
    expect(refused.body.message).toMatch(/gold agents and above/)

    const goldAgent = new Client(rootHost())
    await goldAgent.signIn('agent-gold@agents.example', 'agent')
    const download = await goldAgent.get(`/api/v1/agent/materials/${gold.body.id}`)
    expect(download.status).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.text).toContain('OmotenasuAI brochure')
  })
})
