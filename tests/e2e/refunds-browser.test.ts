// Risk reversal in Chromium: an owner requests a refund on /guarantee (asked first in the
// confirmation modal), HQ approves it on /hq/refunds with the bank transfer it made (Stripe is off
// in e2e), and the hotel sees it refunded, with its steps and the credit note it can open. Over
// HTTP: a second open request is 409, staff get 403, another hotel sees none of it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPasswordHash } from '../../server/lib/password'
import { issueInvoice } from '../../server/services/billing'
import { periodKey } from '../../shared/domain/schedule'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
const slug = `refund-${Date.now().toString(36)}`
const PASSWORD = 'omotenasu-demo'
let tenantId = ''
let owner: Client
let hq: Client
let browser: Browser
const hydrated = (page: Page) => page.waitForLoadState('networkidle')

beforeAll(async () => {
  // PROFESSIONAL: one month is ¥140,800, over the auto-approval limit, so HQ decides.
  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_PROFESSIONAL' } })
  const start = new Date(`${periodKey(new Date(), 'day')}T00:00:00Z`)
  start.setUTCDate(start.getUTCDate() - 3)
  const tenant = await db.tenant.create({
    data: { slug, name: '返金テスト旅館', planId: plan.id, contractStartDate: start },
  })
  tenantId = tenant.id
  const passwordHash = await createPasswordHash(PASSWORD)
  for (const role of ['owner', 'staff'] as const)
    await db.user.create({
      data: {
        email: `${role}@${slug}.example`,
        name: `${role} of ${slug}`,
        passwordHash,
        memberships: { create: { tenantId, role } },
      },
    })
  const invoice = await issueInvoice(db, tenant, plan, 'monthly', start.toISOString().slice(0, 10))
  hq = new Client(rootHost())
  await hq.signIn('hq@omotenasu.example', 'hq')
  expect((await hq.post(`/api/v1/hq/invoices/${tenantId}/${invoice.id}/pay`)).status).toBe(200)
  owner = new Client(hotelHost(slug))
  await owner.signIn(`owner@${slug}.example`, 'hotel', PASSWORD)
})
afterAll(async () => {
  await db.$disconnect()
})

describe('over HTTP', () => {
  it('staff may not ask; a reason is required', async () => {
    const staff = new Client(hotelHost(slug))
    await staff.signIn(`staff@${slug}.example`, 'hotel', PASSWORD)
    expect((await staff.post('/api/v1/customer/refund-request', { type: 'full_refund', reason: 'no' })).status).toBe(
      403,
    )
    const invalid = await owner.post('/api/v1/customer/refund-request', { type: 'full_refund', reason: '' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.data.fields).toHaveProperty('reason')
  })
})

describe.skipIf(!chromiumPath)('the guarantee in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function open(who: Client, host: string): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } })
    const domain = host.split(':')[0]!
    await context.addCookies(
      [...who.cookies]
        .map(([name, value]) => ({ name, value, domain, path: '/' }))
        .concat([{ name: 'omotenasu_locale', value: 'ja', domain, path: '/' }]),
    )
    return context
  }

  it('an owner requests, HQ approves with the transfer, the hotel sees it refunded and its credit note', async () => {
    const hotelContext = await open(owner, hotelHost(slug))
    const page = await hotelContext.newPage()
    await page.goto(`http://${hotelHost(slug)}/guarantee`)
    await hydrated(page)
    expect(await page.getByTestId('guarantee-ends-on').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(await page.getByTestId('refundable').textContent()).toContain('140,800')
    await page
      .locator('[data-testid=refund-reason] textarea, textarea[data-testid=refund-reason]')
      .fill('期待した効果が出ませんでした')
    await page.getByTestId('refund-submit').click()
    const modal = page.getByRole('dialog')
    await page.waitForTimeout(500)
    await page.screenshot({ path: 'test-results/refund-guarantee-confirm-ja.png' })
    await expect.poll(() => modal.textContent()).toContain('￥140,800')
    await page.getByTestId('confirm-submit').click()
    await expect.poll(() => page.getByTestId('guarantee').textContent()).toContain('審査中')
    expect(await page.getByTestId('refund-open').isVisible()).toBe(true)

    // A second request while this one is open: 409.
    expect((await owner.post('/api/v1/customer/refund-request', { type: 'full_refund', reason: 'again' })).status).toBe(
      409,
    )

    // Another hotel's owner sees none of it; ours cannot reach it from another host or act as HQ.
    const request = await db.refundRequest.findFirstOrThrow({ where: { tenantId } })
    const other = new Client(hotelHost('hotel-a'))
    await other.signIn('owner@hotel-a.example', 'hotel', PASSWORD)
    const theirs = await other.get('/api/v1/customer/refund-request')
    expect(theirs.status).toBe(200)
    expect(theirs.body.requests.map((r: { id: string }) => r.id)).not.toContain(request.id)
    expect((await owner.get('/api/v1/customer/refund-request', { host: hotelHost('hotel-a') })).status).toBe(404)
    expect((await other.post(`/api/v1/hq/refund-requests/${request.id}/approve`, {})).status).toBe(404)
    expect((await other.post(`/api/v1/hq/refund-requests/${request.id}/reject`, { reason: 'nope' })).status).toBe(404)

    // HQ approves on /hq/refunds.
    const hqContext = await open(hq, `localhost:${appPort()}`)
    const hqPage = await hqContext.newPage()
    await hqPage.goto(`http://localhost:${appPort()}/hq/refunds`)
    await hydrated(hqPage)
    await hqPage.getByTestId(`select-${request.id}`).click()
    await expect.poll(() => hqPage.getByTestId('refund-detail').textContent()).toContain('返金テスト旅館')
    expect(await hqPage.getByTestId('refund-detail').textContent()).toContain('期待した効果が出ませんでした')
    await hqPage.locator('[data-testid=transfer-bank] input, input[data-testid=transfer-bank]').fill('みずほ銀行')
    await hqPage.locator('[data-testid=transfer-reference] input, input[data-testid=transfer-reference]').fill('E2E-1')
    await hqPage.screenshot({ path: 'test-results/hq-refunds-ja.png', fullPage: true })
    await hqPage.getByTestId('refund-approve').click()
    const hqModal = hqPage.getByRole('dialog')
    await expect.poll(() => hqModal.textContent()).toContain('￥140,800')
    expect(await hqModal.textContent()).toContain('解約')
    await hqPage.getByTestId('confirm-submit').click()
    await expect
      .poll(async () => (await db.refundRequest.findFirstOrThrow({ where: { tenantId } })).status)
      .toBe('refunded')

    // The hotel sees it refunded, its steps, and opens the credit note.
    await page.reload()
    await hydrated(page)
    await expect.poll(() => page.getByTestId('guarantee').textContent()).toContain('返金済み')
    await page.screenshot({ path: 'test-results/refund-guarantee-refunded-ja.png', fullPage: true })
    const steps = await page.getByTestId('refund-steps').first().textContent()
    for (const step of ['申請を受け付けました', '承認されました', '返金しました', '適格返還請求書を発行しました'])
      expect(steps).toContain(step)
    expect(await page.getByTestId('refunded-amount').textContent()).toContain('140,800')
    await page.getByTestId('credit-note-link').first().click()
    await page.waitForURL(/\/billing\/credit-notes\//)
    await hydrated(page)
    await expect.poll(() => page.getByTestId('document-credit_note').textContent()).toContain('140,800')
    await hotelContext.close()
    await hqContext.close()
  })
})
