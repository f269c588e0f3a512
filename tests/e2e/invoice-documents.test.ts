// Invoices (適格請求書), credit notes (適格返還請求書) and receipts (領収書) over HTTP and in
// Chromium: a hotel's owner reads its own documents and gets 404 on another hotel's; staff are
// refused with the reason; HQ reads every hotel's; each document, printed in Japanese and English,
// carries every item the law asks of it. The list of required items below is written from the law
// (消費税法 57条の4), not from the template, and the expected values come from the database.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPasswordHash } from '../../server/lib/password'
import { issueInvoice } from '../../server/services/billing'
import { invoiceLineText } from '../../shared/domain/invoice-line-text'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
const slug = `docs-${Date.now().toString(36)}`
const PASSWORD = 'omotenasu-demo'
let tenantId = ''
let ids: { invoice: string; creditNote: string; receipt: string }
let owner: Client
let staff: Client
let hq: Client

beforeAll(async () => {
  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const tenant = await db.tenant.create({
    data: {
      slug,
      name: '書類テスト旅館',
      operatingCompany: '株式会社書類テスト',
      planId: plan.id,
      contractStartDate: new Date('2026-10-01'),
    },
  })
  tenantId = tenant.id
  const passwordHash = await createPasswordHash(PASSWORD)
  for (const role of ['owner', 'staff'] as const) {
    await db.user.create({
      data: {
        email: `${role}@${slug}.example`,
        name: `${role} of ${slug}`,
        passwordHash,
        memberships: { create: { tenantId, role } },
      },
    })
  }
  const invoice = await issueInvoice(
    db,
    tenant,
    plan,
    'monthly',
    '2026-10-01',
    [],
    [],
    new Date('2026-10-01T00:30:00Z'),
  )
  hq = new Client(rootHost())
  await hq.signIn('hq@omotenasu.example', 'hq')
  expect((await hq.post(`/api/v1/hq/invoices/${tenantId}/${invoice.id}/pay`)).status).toBe(200)
  const refund = await hq.post(`/api/v1/hq/invoices/${tenantId}/${invoice.id}/refund`, {
    reason: '返金保証（guarantee）',
  })
  expect(refund.status).toBe(200)
  expect(refund.body.creditNote).toMatchObject({ number: `CN-${invoice.number}-01` })
  const receipt = await db.receipt.findFirstOrThrow({ where: { tenantId } })
  ids = { invoice: invoice.id, creditNote: refund.body.creditNote.id, receipt: receipt.id }
  owner = new Client(hotelHost(slug))
  await owner.signIn(`owner@${slug}.example`, 'hotel', PASSWORD)
  staff = new Client(hotelHost(slug))
  await staff.signIn(`staff@${slug}.example`, 'hotel', PASSWORD)
})
afterAll(async () => {
  await db.$disconnect()
})

describe('over HTTP', () => {
  it('the owner reads its invoice, receipt and credit note as issued', async () => {
    const invoice = await owner.get(`/api/v1/tenant/invoices/${ids.invoice}`)
    expect(invoice.status).toBe(200)
    expect(invoice.body).toMatchObject({
      sellerRegistrationNumber: 'T7123456789012',
      buyerName: '株式会社書類テスト（書類テスト旅館）',
      issueDate: '2026-10-01T00:00:00.000Z',
      subtotal: 29_800,
      tax: 2_980,
      total: 32_780,
      taxBreakdown: [{ rateBps: 1_000, taxable: 29_800, tax: 2_980 }],
      status: 'refunded',
    })
    const receipts = await owner.get('/api/v1/tenant/receipts')
    expect(receipts.body).toHaveLength(1)
    expect((await owner.get(`/api/v1/tenant/receipts/${ids.receipt}`)).body).toMatchObject({
      number: `R-${invoice.body.number}`,
      amount: 32_780,
      proviso: 'OmotenasuAI ご利用料として',
    })
    const notes = await owner.get('/api/v1/tenant/credit-notes')
    expect(notes.body).toHaveLength(1)
    expect((await owner.get(`/api/v1/tenant/credit-notes/${ids.creditNote}`)).body).toMatchObject({
      invoiceNumber: invoice.body.number,
      invoiceIssueDate: '2026-10-01T00:00:00.000Z',
      total: 32_780,
      tax: 2_980,
      sellerRegistrationNumber: 'T7123456789012',
    })
  })

  it("another hotel's documents are 404, through every route and both ways", async () => {
    const hotelB = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-b' } })
    // the demo's paid invoice has one
    const receiptB = await db.receipt.findFirstOrThrow({ where: { tenantId: hotelB.id } })
    const invoiceB = await db.invoice.findFirstOrThrow({ where: { tenantId: hotelB.id } })
    expect((await owner.get(`/api/v1/tenant/invoices/${invoiceB.id}`)).status).toBe(404)
    expect((await owner.get(`/api/v1/tenant/receipts/${receiptB.id}`)).status).toBe(404)
    expect((await owner.get('/api/v1/tenant/receipts')).body.map((r: { id: string }) => r.id)).not.toContain(
      receiptB.id,
    )
    const managerB = new Client(hotelHost('hotel-b'))
    await managerB.signIn('manager@hotel-b.example', 'hotel')
    expect((await managerB.get(`/api/v1/tenant/credit-notes/${ids.creditNote}`)).status).toBe(404)
    expect((await managerB.get(`/api/v1/tenant/receipts/${ids.receipt}`)).status).toBe(404)
    expect((await managerB.get(`/api/v1/tenant/invoices/${ids.invoice}`)).status).toBe(404)
    // The owner's session, carried to another hotel's host, finds nothing there.
    expect((await owner.get('/api/v1/tenant/receipts', { host: hotelHost('hotel-b') })).status).toBe(404)
  })

  it('staff are refused (403) with the reason: billing documents are for owners and managers', async () => {
    for (const path of [
      '/api/v1/tenant/invoices',
      `/api/v1/tenant/invoices/${ids.invoice}`,
      '/api/v1/tenant/receipts',
      `/api/v1/tenant/receipts/${ids.receipt}`,
      '/api/v1/tenant/credit-notes',
      `/api/v1/tenant/credit-notes/${ids.creditNote}`,
    ]) {
      const reply = await staff.get(path)
      expect(reply.status, path).toBe(403)
      expect(reply.body.message, path).toMatch(/マネージャー以上/)
    }
  })

  it("HQ reads every hotel's documents, and sees the seller it issues as", async () => {
    expect((await hq.get(`/api/v1/hq/invoices/${tenantId}/${ids.invoice}`)).body).toMatchObject({ total: 32_780 })
    expect((await hq.get(`/api/v1/hq/receipts/${tenantId}/${ids.receipt}`)).body).toMatchObject({ amount: 32_780 })
    expect((await hq.get(`/api/v1/hq/credit-notes/${tenantId}/${ids.creditNote}`)).body).toMatchObject({
      total: 32_780,
    })
    expect((await hq.get('/api/v1/hq/receipts')).body.some((r: { id: string }) => r.id === ids.receipt)).toBe(true)
    expect((await hq.get('/api/v1/hq/credit-notes')).body.some((r: { id: string }) => r.id === ids.creditNote)).toBe(
      true,
    )
    expect((await hq.get(`/api/v1/hq/receipts/not-${tenantId}/${ids.receipt}`)).status).toBe(404)
    expect((await hq.get('/api/v1/hq/seller')).body).toMatchObject({
      canIssue: true,
      problem: null,
      seller: { registrationNumber: 'T7123456789012' },
    })
    expect((await owner.get('/api/v1/hq/seller', { host: rootHost() })).status).toBe(403)
  })
})

// ------------------------------------------------------------------ printed, in Chromium

type Lang = 'ja' | 'en'
// Each language's own way: ￥1,000 and 2026年11月30日 in Japanese, ¥1,000 and 30 Nov 2026 in English.
const money = (n: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: 'JPY' }).format(n)
const day = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: lang === 'ja' ? 'long' : 'medium',
    timeZone: 'Asia/Tokyo',
  }).format(d)
const rateLabel = (lang: Lang) => (lang === 'ja' ? '10%対象' : 'Subject to 10%')
const registrationLabel = (lang: Lang) => (lang === 'ja' ? '登録番号' : 'Registration number')

/** The items a document must show, each as text the page must contain, from the stored data. */
async function requiredItems(
  kind: 'invoice' | 'credit_note' | 'receipt',
  lang: Lang,
): Promise<Record<string, string[]>> {
  if (kind === 'invoice') {
    const i = await db.invoice.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: ids.invoice } },
      include: { lines: true },
    })
    return {
      'seller name': [i.sellerName!],
      'registration number': [registrationLabel(lang), i.sellerRegistrationNumber!],
      'date of the transaction (period)': [day(i.periodStart, lang)],
      description: i.lines.map((l) => invoiceLineText(l.description, lang)),
      'amount per tax rate, with the rate': [rateLabel(lang), money(i.subtotal, lang)],
      'tax per rate': [money(i.tax, lang)],
      'buyer name': [i.buyerName!],
      'issue date': [day(i.issueDate!, lang)],
      total: [money(i.total, lang)],
    }
  }
  if (kind === 'credit_note') {
    const c = await db.creditNote.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: ids.creditNote } } })
    return {
      'seller name': [c.sellerName],
      'registration number': [registrationLabel(lang), c.sellerRegistrationNumber],
      'date of the return (issue date)': [day(c.issueDate, lang)],
      'original transaction: invoice and its date': [
        c.invoiceNumber,
        day(c.invoiceIssueDate, lang),
        day(c.periodStart, lang),
      ],
      'amount returned per tax rate, with the rate': [rateLabel(lang), money(c.subtotal, lang)],
      'tax returned per rate': [money(c.tax, lang)],
      'buyer name': [c.buyerName],
      number: [c.number],
    }
  }
  const r = await db.receipt.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: ids.receipt } } })
  return {
    'seller name': [r.sellerName],
    'registration number': [registrationLabel(lang), r.sellerRegistrationNumber],
    'date paid': [day(r.paidOn, lang)],
    'amount received': [money(r.amount, lang)],
    但し書き: [lang === 'ja' ? r.proviso : 'for the use of OmotenasuAI'],
    'buyer name': [r.buyerName],
    number: [r.number],
    'issue date': [day(r.issueDate, lang)],
  }
}

let browser: Browser
const hydrated = (page: Page) => page.waitForLoadState('networkidle')

describe.skipIf(!chromiumPath)('printed in Chromium', () => {
  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function open(lang: Lang, who: Client, host: string) {
    const context = await browser.newContext({
      locale: lang === 'ja' ? 'ja-JP' : 'en-GB',
      viewport: { width: 1000, height: 1200 },
    })
    const domain = host.split(':')[0]!
    await context.addCookies(
      [...who.cookies]
        .map(([name, value]) => ({ name, value, domain, path: '/' }))
        .concat([{ name: 'omotenasu_locale', value: lang, domain, path: '/' }]),
    )
    return context
  }

  for (const lang of ['ja', 'en'] as const) {
    it.each([
      ['invoice', 'invoices'],
      ['credit_note', 'credit-notes'],
      ['receipt', 'receipts'],
    ] as const)(`${lang}: the %s carries every required item, printed`, async (kind, path) => {
      const context = await open(lang, owner, hotelHost(slug))
      const page = await context.newPage()
      const id = kind === 'invoice' ? ids.invoice : kind === 'credit_note' ? ids.creditNote : ids.receipt
      await page.goto(`http://${hotelHost(slug)}/billing/${path}/${id}`)
      await hydrated(page)
      await page.emulateMedia({ media: 'print' })
      const text = await page.getByTestId(`document-${kind}`).innerText()
      const missing = Object.entries(await requiredItems(kind, lang)).flatMap(([item, needles]) =>
        needles.filter((n) => !text.includes(n)).map((n) => `${item}: ${n}`),
      )
      expect(missing, text).toEqual([])
      expect(text).not.toContain(lang === 'ja' ? 'Print' : '印刷') // the print button is hidden on paper
      const pdf = await page.pdf({ path: `test-results/${kind}-${lang}.pdf`, format: 'A4' })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      await page.screenshot({ path: `test-results/${kind}-${lang}.png`, fullPage: true })
      await context.close()
    })
  }

  it('staff see why they cannot open a billing document', async () => {
    const context = await open('ja', staff, hotelHost(slug))
    const page = await context.newPage()
    await page.goto(`http://${hotelHost(slug)}/billing/receipts/${ids.receipt}`)
    await expect.poll(() => page.getByTestId('document-error').textContent()).toContain('オーナーとマネージャーのみ')
    await context.close()
  })

  it("HQ prints any hotel's credit note, and its invoices page names the seller", async () => {
    const context = await open('en', hq, rootHost())
    const page = await context.newPage()
    await page.goto(`http://${rootHost()}/hq/documents/credit_note/${tenantId}/${ids.creditNote}`)
    await hydrated(page)
    const text = await page.getByTestId('document-credit_note').innerText()
    expect(text).toContain('T7123456789012')
    expect(text).toContain(money(32_780, 'en'))
    await page.goto(`http://${rootHost()}/hq/invoices`)
    await expect.poll(() => page.getByTestId('seller-ok').textContent()).toContain('T7123456789012')
    await context.close()
  })
})
