// Payouts over HTTP: the agent's bank account and registration number, HQ's monthly batch, its
// CSV and Zengin exports, and marking it transferred.
import { randomUUID } from 'node:crypto'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { addMonthsToMonth } from '../../shared/domain/referrals'
import { periodKey } from '../../shared/domain/schedule'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'
import { validateZenginFile } from '../helpers/zengin-validator'
import { DEMO_PAYEE } from '../../server/db/seed'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

describe('payouts', () => {
  it(`an agent sets its account; HQ pays out a closed month, exports CSV and a Zengin file, and marks it \
transferred`, async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    const badBank = await agent.call('PUT', '/api/v1/agent/bank-account', {
      body: {
        bankCode: '9998',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderKana: 'トウキヨウセールス',
      },
    })
    expect(badBank.status).toBe(400)
    expect(badBank.body.data.fields).toHaveProperty('bankCode')
    const bank = await agent.call('PUT', '/api/v1/agent/bank-account', {
      body: {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '7654321',
        holderKana: 'トウキョウ セールス ワークス',
      },
    })
    expect(bank.status).toBe(200)
    expect(bank.body).toMatchObject({ bankName: 'ﾐｽﾞﾎ', holderKana: 'ﾄｳｷﾖｳ ｾ-ﾙｽ ﾜ-ｸｽ' }) // ｰ is not in the Zengin set
    expect(
      (await agent.call('PUT', '/api/v1/agent/invoice-registration', { body: { registrationNumber: 'T1234' } })).status,
    ).toBe(400)
    expect(
      (
        await agent.call('PUT', '/api/v1/agent/invoice-registration', {
          body: { registrationNumber: 'T7000012050002' },
        })
      ).body,
    ).toEqual({ registrationNumber: 'T7000012050002' })

    // Three months of commissions of a hotel past its guarantee period, in closed months.
    const closed = addMonthsToMonth(periodKey(new Date(), 'month'), -1)
    const bronze = await db.agent.findFirstOrThrow({ where: { email: 'agent-bronze@agents.example' } })
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const start = addMonthsToMonth(closed, -3)
    const tenant = await db.tenant.create({
      data: {
        slug: `pay-${randomUUID().slice(0, 6)}`,
        name: '支払テスト旅館',
        planId: plan.id,
        contractStartDate: new Date(`${start}-01`),
      },
    })
    const referral = await db.referral.create({
      data: {
        code: `PAY-${randomUUID().slice(0, 8)}`,
        referrerType: 'agent',
        referrerAgentId: bronze.id,
        referredTenantId: tenant.id,
        status: 'converted',
      },
    })
    for (let i = 0; i < 3; i++) {
      await db.referralPayment.create({
        data: {
          tenantId: tenant.id,
          referralId: referral.id,
          paymentMonth: new Date(`${addMonthsToMonth(start, i + 1)}-01`),
          contractMonth: i + 2,
          feeAttributable: 30_000,
          rateBps: 2_000,
          amount: 6_000,
        },
      })
    }

    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    // not closed yet
    expect((await hq.post('/api/v1/hq/payouts', { month: periodKey(new Date(), 'month') })).status).toBe(400)
    const batch = await hq.post('/api/v1/hq/payouts', { month: closed })
    expect(batch.status).toBe(200)
    const mine = (
      (await hq.get(`/api/v1/hq/payouts?month=${closed}`)).body as {
        id: string
        payeeId: string
        amount: number
        tax: number
        total: number
      }[]
    ).find((p) => p.payeeId === bronze.id)!
    expect(mine).toMatchObject({ amount: 18_000, tax: 1_800, total: 19_800, registrationNumber: 'T7000012050002' })
    expect((await hq.post('/api/v1/hq/payouts', { month: closed })).body.created).toBe(0)

    const csv = await hq.get(`/api/v1/hq/payouts/export.csv?month=${closed}`)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.text.charCodeAt(0)).toBe(0xfeff)
    expect(csv.text).toContain(
      '"Tokyo Sales Works","' + closed + '","18000","1800","19800","T7000012050002","0001","001","ordinary","7654321"',
    )

    // Nothing approved yet: no file. Then HQ approves the month (the demo payee's payout with it).
    expect((await hq.get(`/api/v1/hq/payouts/zengin?month=${closed}`)).status).toBe(400)
    expect((await hq.post(`/api/v1/hq/payouts/${mine.id}/transferred`)).status).toBe(409) // a draft is not transferred
    const approved = await hq.post('/api/v1/hq/payouts/approve', { month: closed })
    expect(approved.status).toBe(200)
    expect(approved.body.ids).toContain(mine.id)
    expect((await hq.post('/api/v1/hq/payouts/approve', { month: closed })).body).toMatchObject({
      approved: 0,
      nothing: { code: 'payout_approve_empty' },
    })

    const first = await fetchBytes(`/api/v1/hq/payouts/zengin?month=${closed}`, hq)
    expect(first.status).toBe(200)
    expect(first.headers['content-type']).toMatch(/Shift_JIS/i)
    expect(first.headers['x-zengin-created']).toBe('1')
    const { errors, parsed } = validateZenginFile(first.body)
    expect(errors).toEqual([])
    const record = parsed.data.find((d) => d['被仕向銀行番号'] === '0001' && d['口座番号'] === '7654321')!
    expect(iconv.decode(Buffer.from(record['受取人名']!, 'latin1'), 'Shift_JIS').trimEnd()).toBe('ﾄｳｷﾖｳ ｾ-ﾙｽ ﾜ-ｸｽ')
    expect(record['振込金額']).toBe('0000019800')
    const stored = await db.payout.findUniqueOrThrow({ where: { id: mine.id } })
    expect(stored).toMatchObject({ status: 'exported', zenginFileId: first.headers['x-zengin-file-id'] })
    expect(record['顧客コード1']).toBe(String(stored.customerCode).padStart(10, '0'))
    // The second download is the stored file, byte for byte, even with another date asked for.
    const second = await fetchBytes(`/api/v1/hq/payouts/zengin?month=${closed}&date=2099-12-30`, hq)
    expect(second.headers['x-zengin-created']).toBe('0')
    expect(Buffer.compare(second.body, first.body)).toBe(0)
    const byId = await fetchBytes(`/api/v1/hq/payouts/zengin-files/${first.headers['x-zengin-file-id']}`, hq)
    expect(Buffer.compare(byId.body, first.body)).toBe(0)
    expect((await hq.get(`/api/v1/hq/payouts/zengin-files?month=${closed}`)).body[0]).toMatchObject({
      id: first.headers['x-zengin-file-id'],
      sequence: 1,
    })

    expect((await hq.post(`/api/v1/hq/payouts/${mine.id}/transferred`)).body.status).toBe('transferred')
    expect(await db.referralPayment.count({ where: { referralId: referral.id, status: 'paid' } })).toBe(3)
    expect(
      ((await agent.get('/api/v1/agent/payouts')).body as { id: string; paidAt: string | null }[]).find(
        (p) => p.id === mine.id,
      )?.paidAt,
    ).toBeTruthy()
    const statement = await agent.get(`/api/v1/agent/payouts/${mine.id}`)
    expect(statement.body).toMatchObject({
      payeeName: 'Tokyo Sales Works',
      total: 19_800,
      registrationNumber: 'T7000012050002',
    })
    expect(statement.body.lines).toHaveLength(3)
    const gold = new Client(rootHost())
    await gold.signIn('agent-gold@agents.example', 'agent')
    expect((await gold.get(`/api/v1/agent/payouts/${mine.id}`)).status).toBe(404) // another agent's statement

    // The bank returns it: the payout stays as sent, its ¥18,000 is payable again and shows in the balances.
    expect((await hq.post(`/api/v1/hq/payouts/${mine.id}/returned`, {})).status).toBe(400) // a reason is required
    const returned = await hq.post(`/api/v1/hq/payouts/${mine.id}/returned`, { reason: '口座解約 (account closed)' })
    expect(returned.body).toMatchObject({
      status: 'returned',
      total: 19_800,
      returnReason: '口座解約 (account closed)',
    })
    expect(
      await db.referralPayment.count({ where: { referralId: referral.id, status: 'pending', payoutId: null } }),
    ).toBe(3)
    const balances = (await hq.get('/api/v1/hq/payouts/balances')).body as {
      payeeId: string
      payable: number
      balance: number
    }[]
    expect(balances.find((b) => b.payeeId === bronze.id)?.payable).toBeGreaterThanOrEqual(18_000)
    const audit = await db.auditLog.findMany({
      where: { entity: 'payout', entityId: mine.id },
      orderBy: { occurredAt: 'asc' },
    })
    expect(audit.map((a) => a.action)).toEqual(['create', 'approve', 'export', 'transfer', 'return'])
  })

  it(`the demo payee can be paid at once on a fresh install: batch, approve, a Zengin file that passes the byte-level \
check`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const defaults = (await hq.get('/api/v1/hq/payouts/defaults')).body as {
      today: string
      month: string
      transferDate: string
    }
    expect(defaults.month).toBe(addMonthsToMonth(periodKey(new Date(), 'month'), -1))
    const demo = await db.agent.findFirstOrThrow({ where: { email: DEMO_PAYEE.email } })
    const batch = await hq.post('/api/v1/hq/payouts', { month: defaults.month })
    expect(batch.status).toBe(200)
    const payout = await db.payout.findFirstOrThrow({ where: { payeeId: demo.id, month: defaults.month } })
    // Three months of a silver agent on LEISURE_STANDARD: 3 × floor(59,800 × 25%) = 44,850 (+10%).
    expect(payout).toMatchObject({ amount: 44_850, tax: 4_485, total: 49_335, registrationNumber: 'T7000012050002' })
    if (payout.status === 'draft')
      expect((await hq.post(`/api/v1/hq/payouts/${payout.id}/approve`)).body.status).toBe('approved')
    const file = await fetchBytes(`/api/v1/hq/payouts/zengin?month=${defaults.month}`, hq)
    expect(file.status).toBe(200)
    expect(validateZenginFile(file.body).errors).toEqual([])
    const names = validateZenginFile(file.body).parsed.data.map((d) =>
      iconv.decode(Buffer.from(d['受取人名']!, 'latin1'), 'Shift_JIS').trimEnd(),
    )
    expect(names).toContain('ｵｵｻｶﾍﾞｲﾎｽﾋﾟﾀﾘﾃｲ-(ｶ')
  })

  it(`a payee whose clawbacks exceed its earnings shows a negative balance; a batch that creates nothing says \
so`, async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const agent = await db.agent.create({
      data: {
        companyName: `Clawed ${randomUUID().slice(0, 6)}`,
        contactName: 'C',
        email: `claw-${randomUUID().slice(0, 6)}@x.example`,
      },
    })
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.tenant.create({
      data: {
        slug: `claw-${randomUUID().slice(0, 6)}`,
        name: 'Clawed Hotel',
        planId: plan.id,
        contractStartDate: new Date('2024-01-01'),
      },
    })
    const referral = await db.referral.create({
      data: {
        code: `CLAW-${randomUUID().slice(0, 8)}`,
        referrerType: 'agent',
        referrerAgentId: agent.id,
        referredTenantId: tenant.id,
        status: 'converted',
      },
    })
    const paid = await db.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date('2024-01-01'),
        contractMonth: 1,
        feeAttributable: 40_000,
        rateBps: 2_000,
        amount: 8_000,
        status: 'paid',
        paidAt: new Date('2024-03-10'),
      },
    })
    await db.payoutAdjustment.create({
      data: {
        payeeType: 'agent',
        payeeId: agent.id,
        amount: -8_000,
        reason: 'Clawback: refunded',
        referralPaymentId: paid.id,
      },
    })
    await db.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date('2024-02-01'),
        contractMonth: 2,
        feeAttributable: 15_000,
        rateBps: 2_000,
        amount: 3_000,
      },
    })
    const balances = (await hq.get('/api/v1/hq/payouts/balances')).body as {
      payeeId: string
      payeeName: string
      payable: number
      clawbacks: number
      balance: number
    }[]
    expect(balances.find((b) => b.payeeId === agent.id)).toMatchObject({
      payeeName: agent.companyName,
      payable: 3_000,
      clawbacks: -8_000,
      balance: -5_000,
    })
    const empty = await hq.post('/api/v1/hq/payouts', { month: '2019-01' })
    expect(empty.body).toMatchObject({ created: 0, nothing: { code: 'payout_batch_empty' } })
  })

  it('hotels and PMS vendors record their registration numbers, check digit verified', async () => {
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    expect(
      (await owner.put('/api/v1/tenant/invoice-registration', { registrationNumber: 'T7000012050003' })).status,
    ).toBe(400) // wrong check digit
    expect(
      (await owner.put('/api/v1/tenant/invoice-registration', { registrationNumber: 'T7000012050002' })).body,
    ).toEqual({ registrationNumber: 'T7000012050002' })
    expect((await owner.get('/api/v1/tenant/invoice-registration')).body).toEqual({
      registrationNumber: 'T7000012050002',
    })
    const staff = new Client(hotelHost('hotel-a'))
    await staff.signIn('staff@hotel-a.example', 'hotel')
    // owner only
    expect((await staff.put('/api/v1/tenant/invoice-registration', { registrationNumber: null })).status).toBe(403)

    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const vendor = await db.pmsVendor.findUniqueOrThrow({ where: { code: 'mews' } })
    expect((await hq.patch(`/api/v1/hq/pms-vendors/${vendor.id}`, { qualifiedInvoiceNumber: 'T123' })).status).toBe(400)
    expect(
      (await hq.patch(`/api/v1/hq/pms-vendors/${vendor.id}`, { qualifiedInvoiceNumber: 'T7000012050002' })).body
        .qualifiedInvoiceNumber,
    ).toBe('T7000012050002')
    const key = (await hq.post(`/api/v1/hq/pms-vendors/${vendor.id}/api-keys`, { name: 'registration' })).body
      .key as string
    const api = new Client(rootHost())
    expect(
      (
        await api.put(
          '/api/v1/pms/invoice-registration',
          { registrationNumber: null },
          { headers: { authorization: `Bearer ${key}` } },
        )
      ).body,
    ).toEqual({ registrationNumber: null })
    expect((await db.pmsVendor.findUniqueOrThrow({ where: { id: vendor.id } })).qualifiedInvoiceNumber).toBeNull()
  })
})

/** The raw bytes of a download and its headers (the JSON/text client decodes as UTF-8). */
async function fetchBytes(
  path: string,
  client: Client,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { request } = await import('node:http')
  const { appPort } = await import('../helpers/http')
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: appPort(),
        path,
        headers: { host: client.host, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('sales materials', () => {
  function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
    const boundary = `----omotenasu${randomUUID().replaceAll('-', '')}`
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    )
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ` +
          `${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    )
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
    expect(refused.body).toMatchObject({
      code: 'material_rank_required',
      message: expect.stringMatching(/ゴールドランク以上/),
    })

    const goldAgent = new Client(rootHost())
    await goldAgent.signIn('agent-gold@agents.example', 'agent')
    const download = await goldAgent.get(`/api/v1/agent/materials/${gold.body.id}`)
    expect(download.status).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.text).toContain('OmotenasuAI brochure')
  })
})
