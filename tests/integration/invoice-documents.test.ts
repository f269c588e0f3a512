// Qualified invoices, credit notes and receipts on a real database: what each document stores at
// issue (and keeps when the configuration changes later), a credit note from the refund path, a
// receipt from the payment path, numbers unique per tenant, and a missing or invalid registration
// number stopping the billing job and signup with the reason.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { issueDueInvoices, issueInvoice, recordPayment } from '../../server/services/billing'
import { issueCreditNote } from '../../server/services/invoice-documents'
import { refundInvoice } from '../../server/services/refunds'
import { runJobOnce } from '../../server/services/jobs'
import { signUp } from '../../server/services/signup'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'

let db: ReturnType<typeof testClients>
let plan: { id: string; planCode: string; name: string; monthlyPrice: number }
const SELLER = {
  SELLER_NAME: 'テスト販売株式会社',
  SELLER_REGISTRATION_NUMBER: 'T4010001008772',
  SELLER_ADDRESS: '東京都港区1-2-3',
}
const saved = { ...process.env }

async function hotel(contractStart: string, extra: { operatingCompany?: string } = {}) {
  return db.privileged.tenant.create({
    data: {
      slug: uniq('doc'),
      name: '書類ホテル',
      planId: plan.id,
      contractStartDate: new Date(contractStart),
      ...extra,
    },
  })
}

beforeAll(async () => {
  process.env.DATABASE_URL = process.env.TEST_OWNER_URL
  db = testClients()
  await ensureCatalogue(db.privileged)
  plan = await db.privileged.subscriptionPlan.create({
    data: {
      planCode: uniq('DOCS'),
      name: 'Docs plan',
      monthlyPrice: 29_801,
      maxRooms: 30,
      features: ['ai_chat'],
      guaranteeDays: 30,
      guaranteedRoiBps: 10_000,
    },
  })
  Object.assign(process.env, SELLER)
})
afterEach(() => {
  Object.assign(process.env, SELLER)
})
afterAll(async () => {
  for (const k of Object.keys(SELLER)) {
    if (saved[k] === undefined) Reflect.deleteProperty(process.env, k)
    else process.env[k] = saved[k]
  }
  await db.close()
  const { closeDatabases } = await import('../../server/db/index')
  await closeDatabases()
})

describe('a qualified invoice stores what it printed', () => {
  it('seller, registration number, buyer, issue date (Tokyo) and the subtotal and tax per rate', async () => {
    const t = await hotel('2026-04-01', { operatingCompany: '株式会社書類観光' })
    const invoice = await issueInvoice(
      db.privileged,
      t,
      plan,
      'monthly',
      '2026-04-01',
      [],
      [],
      new Date('2026-03-31T15:10:00Z'),
    ) // 00:10 on 4/1 in Tokyo
    expect(invoice).toMatchObject({
      sellerName: 'テスト販売株式会社',
      sellerRegistrationNumber: 'T4010001008772',
      sellerAddress: '東京都港区1-2-3',
      buyerName: '株式会社書類観光（書類ホテル）',
      subtotal: 29_801,
      tax: 2_980,
      total: 32_781,
    })
    expect(invoice.issueDate!.toISOString().slice(0, 10)).toBe('2026-04-01')
    expect(invoice.taxBreakdown).toEqual([{ rateBps: 1_000, taxable: 29_801, tax: 2_980 }])
    const lines = await db.privileged.invoiceLine.findMany({ where: { tenantId: t.id, invoiceId: invoice.id } })
    expect(lines.every((l) => l.taxRateBps === 1_000)).toBe(true)

    // A later change of seller, hotel name or plan price leaves the issued invoice as it was.
    process.env.SELLER_NAME = '別会社'
    await db.privileged.tenant.update({ where: { id: t.id }, data: { name: '改名ホテル' } })
    const again = await db.privileged.invoice.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: t.id, id: invoice.id } },
    })
    expect(again).toMatchObject({
      sellerName: 'テスト販売株式会社',
      buyerName: '株式会社書類観光（書類ホテル）',
      total: 32_781,
    })
  })
})

describe('a receipt for each payment', () => {
  it('is issued with the payment: number, date paid (Tokyo), amount received, 但し書き, seller', async () => {
    const t = await hotel('2026-05-01')
    const invoice = await issueInvoice(db.privileged, t, plan, 'monthly', '2026-05-01')
    await db.privileged.$transaction((tx) =>
      recordPayment(tx, t.id, invoice.id, { method: 'manual', paidAt: new Date('2026-05-09T16:00:00Z') }),
    )
    const receipts = await db.privileged.receipt.findMany({ where: { tenantId: t.id } })
    expect(receipts).toHaveLength(1)
    expect(receipts[0]).toMatchObject({
      number: `R-${invoice.number}`,
      invoiceNumber: invoice.number,
      amount: 32_781,
      proviso: 'OmotenasuAI ご利用料として',
      sellerRegistrationNumber: 'T4010001008772',
      buyerName: '書類ホテル',
    })
    expect(receipts[0]!.paidOn.toISOString().slice(0, 10)).toBe('2026-05-10') // 01:00 on 5/10 in Tokyo
    expect(receipts[0]!.taxBreakdown).toEqual([{ rateBps: 1_000, taxable: 29_801, tax: 2_980 }])
  })

  it('the database refuses a second receipt for the same payment', async () => {
    const t = await hotel('2026-05-01')
    const invoice = await issueInvoice(db.privileged, t, plan, 'monthly', '2026-05-01')
    await db.privileged.$transaction((tx) => recordPayment(tx, t.id, invoice.id, { method: 'manual' }))
    const r = await db.privileged.receipt.findFirstOrThrow({ where: { tenantId: t.id } })
    const { id: _id, ...copy } = r
    await expect(
      db.privileged.receipt.create({ data: { ...copy, number: 'R-OTHER', taxBreakdown: [] } }),
    ).rejects.toMatchObject({ code: 'P2002' })
  })
})

describe('a credit note for each refund', () => {
  it(`the refund path issues it: own number, issue date, the original invoice's number and date, amounts and tax \
returned`, async () => {
    const t = await hotel('2026-06-01')
    const invoice = await issueInvoice(
      db.privileged,
      t,
      plan,
      'monthly',
      '2026-06-01',
      [],
      [],
      new Date('2026-06-01T01:00:00Z'),
    )
    await db.privileged.$transaction((tx) => recordPayment(tx, t.id, invoice.id, { method: 'manual' }))
    const result = await db.privileged.$transaction((tx) => refundInvoice(tx, t.id, invoice.id, 'guarantee'))
    expect(result.creditNote).toMatchObject({ number: `CN-${invoice.number}-01`, total: 32_781 })
    const note = await db.privileged.creditNote.findFirstOrThrow({ where: { tenantId: t.id } })
    expect(note).toMatchObject({
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      subtotal: 29_801,
      tax: 2_980,
      total: 32_781,
      reason: 'guarantee',
      sellerName: 'テスト販売株式会社',
      sellerRegistrationNumber: 'T4010001008772',
      buyerName: '書類ホテル',
    })
    expect(note.invoiceIssueDate.toISOString().slice(0, 10)).toBe('2026-06-01')
    expect(note.taxBreakdown).toEqual([{ rateBps: 1_000, taxable: 29_801, tax: 2_980 }])
    expect(
      (await db.privileged.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.id, id: invoice.id } } }))
        .status,
    ).toBe('refunded')
  })

  it('a refund without a valid registration number changes nothing (the whole refund rolls back)', async () => {
    const t = await hotel('2026-06-01')
    const invoice = await issueInvoice(db.privileged, t, plan, 'monthly', '2026-06-01')
    await db.privileged.$transaction((tx) => recordPayment(tx, t.id, invoice.id, { method: 'manual' }))
    process.env.SELLER_REGISTRATION_NUMBER = 'T0000000000000'
    await expect(
      db.privileged.$transaction((tx) => refundInvoice(tx, t.id, invoice.id, 'guarantee')),
    ).rejects.toMatchObject({ kind: 'unavailable', code: 'seller_registration_number_invalid' })
    expect(
      (await db.privileged.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.id, id: invoice.id } } }))
        .status,
    ).toBe('paid')
    expect(await db.privileged.creditNote.count({ where: { tenantId: t.id } })).toBe(0)
  })

  it('partial credit notes are numbered in order and never return more than the invoice', async () => {
    const t = await hotel('2026-07-01')
    const invoice = await issueInvoice(db.privileged, t, plan, 'monthly', '2026-07-01')
    const first = await db.privileged.$transaction((tx) =>
      issueCreditNote(tx, {
        tenantId: t.id,
        invoiceId: invoice.id,
        reason: 'part',
        returned: [{ rateBps: 1_000, taxable: 10_005 }],
      }),
    )
    expect(first).toMatchObject({ number: `CN-${invoice.number}-01`, subtotal: 10_005, tax: 1_000, total: 11_005 })
    await expect(
      db.privileged.$transaction((tx) =>
        issueCreditNote(tx, {
          tenantId: t.id,
          invoiceId: invoice.id,
          reason: 'too much',
          returned: [{ rateBps: 1_000, taxable: 20_000 }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'credit_note_amount_over' })
    const rest = await db.privileged.$transaction((tx) =>
      issueCreditNote(tx, { tenantId: t.id, invoiceId: invoice.id, reason: 'rest' }),
    )
    expect(rest).toMatchObject({ number: `CN-${invoice.number}-02`, subtotal: 19_796, tax: 1_979 })
    await expect(
      db.privileged.$transaction((tx) =>
        issueCreditNote(tx, { tenantId: t.id, invoiceId: invoice.id, reason: 'again' }),
      ),
    ).rejects.toMatchObject({ code: 'credit_note_nothing_left' })
    // Together they return the invoice's amounts, tax at most the invoice's tax.
    expect(first.subtotal + rest.subtotal).toBe(invoice.subtotal)
    expect(first.tax + rest.tax).toBeLessThanOrEqual(invoice.tax)
  })

  it('numbers are unique per tenant: the database refuses a second copy', async () => {
    const t = await hotel('2026-08-01')
    const invoice = await issueInvoice(db.privileged, t, plan, 'monthly', '2026-08-01')
    const note = await db.privileged.$transaction((tx) =>
      issueCreditNote(tx, {
        tenantId: t.id,
        invoiceId: invoice.id,
        reason: 'x',
        returned: [{ rateBps: 1_000, taxable: 100 }],
      }),
    )
    const { id: _id, ...copy } = note
    await expect(db.privileged.creditNote.create({ data: { ...copy, taxBreakdown: [] } })).rejects.toMatchObject({
      code: 'P2002',
    })
    // Two concurrent credit notes of one invoice: one commits, the other is refused by the key.
    const both = await Promise.allSettled(
      [1, 2].map(() =>
        db.privileged.$transaction((tx) =>
          issueCreditNote(tx, {
            tenantId: t.id,
            invoiceId: invoice.id,
            reason: 'race',
            returned: [{ rateBps: 1_000, taxable: 100 }],
          }),
        ),
      ),
    )
    const numbers = (await db.privileged.creditNote.findMany({ where: { tenantId: t.id } })).map((n) => n.number)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(both.some((r) => r.status === 'fulfilled')).toBe(true)
  })
})

describe('no valid registration number, no invoice', () => {
  it.each([
    ['missing', undefined, 'seller_registration_number_missing', /SELLER_REGISTRATION_NUMBER\) is not configured/],
    [
      'the old placeholder',
      'T0000000000000',
      'seller_registration_number_invalid',
      /T0000000000000 \(SELLER_REGISTRATION_NUMBER\) is invalid/,
    ],
  ])(
    '%s: the billing job fails with the reason (job_runs, /hq/jobs) and issues nothing',
    async (_label, value, code, reason) => {
      const t = await hotel('2026-09-01')
      if (value === undefined) delete process.env.SELLER_REGISTRATION_NUMBER
      else process.env.SELLER_REGISTRATION_NUMBER = value
      await expect(issueInvoice(db.privileged, t, plan, 'monthly', '2026-09-01')).rejects.toMatchObject({
        kind: 'unavailable',
        code,
      })
      const period = uniq('billing-test')
      const outcome = await runJobOnce(db.privileged, 'billing', period, () =>
        issueDueInvoices(db.privileged, new Date('2026-09-02T03:00:00Z')),
      )
      expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) })
      const run = await db.privileged.jobRun.findUniqueOrThrow({
        where: { job_periodKey: { job: 'billing', periodKey: period } },
      })
      expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) })
      expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(0)

      // Configured again, the next run issues it.
      Object.assign(process.env, SELLER)
      const retry = await runJobOnce(db.privileged, 'billing', period, () =>
        issueDueInvoices(db.privileged, new Date('2026-09-02T03:00:00Z')),
      )
      expect(retry.status).toBe('ran')
      expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(1)
    },
  )

  it('signup is refused with the reason, and creates no account', async () => {
    delete process.env.SELLER_REGISTRATION_NUMBER
    const email = `${uniq('owner')}@test.example`
    const slug = uniq('nosell')
    await expect(
      signUp({
        hotelName: 'No Seller Inn',
        subdomain: slug,
        ownerName: 'Owner',
        email,
        password: 'a-long-password-1',
        planCode: 'LEISURE_ECONOMY',
        billingCycle: 'monthly',
        rooms: 10,
      } as never),
    ).rejects.toMatchObject({ kind: 'unavailable', code: 'seller_registration_number_missing' })
    expect(await db.privileged.tenant.count({ where: { slug } })).toBe(0)
    expect(await db.privileged.user.count({ where: { email } })).toBe(0)
  })
})
