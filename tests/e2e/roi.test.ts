// The ROI section over HTTP and in Chromium: the concierge key opens POST /api/v1/usage and nothing
// else, a vendor key does not open it; HQ's /hq/roi shows the demo case with both charts and
// approves it behind its confirmation; the demo hotel's /roi shows its ROI against the guarantee
// and the inputs of each week; no console errors on either page.
import { mkdirSync } from 'node:fs'
import type { Browser, ConsoleMessage, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDaysTo, tokyoDate } from '../../shared/domain/roi'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { appPort, Client, hotelHost, rootHost } from '../helpers/http'

const db = e2eDb()
const shots = 'test-results'
afterAll(async () => {
  await db.$disconnect()
})

describe('POST /api/v1/usage and its key', () => {
  it('a concierge key reports usage and opens nothing else; a vendor key cannot report usage', async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const issued = await hq.post('/api/v1/hq/concierge-keys', { name: 'e2e' })
    expect(issued.status).toBe(201)
    const key: string = issued.body.key
    const bearer = (k: string) => ({ headers: { authorization: `Bearer ${k}` } })
    const api = new Client(rootHost())
    const yesterday = addDaysTo(tokyoDate(new Date()), -1)
    const rows = [
      { hotel: 'hotel-umi', date: yesterday, conversations: { chat: 70, voice: 25 }, upsellRevenue: 9_000 },
      { hotel: 'hotel-umi', date: yesterday, conversations: { chat: 1, voice: 0 }, upsellRevenue: 0 },
      { hotel: 'nowhere', date: yesterday, conversations: { chat: 1, voice: 0 }, upsellRevenue: 0 },
    ]
    const reply = await api.post('/api/v1/usage', { rows }, bearer(key))
    expect(reply.status).toBe(200)
    expect(reply.body.accepted).toEqual([{ index: 0, hotel: 'hotel-umi', date: yesterday, status: 'replaced' }])
    expect(reply.body.rejected.map((r: { code: string }) => r.code)).toEqual(['duplicate_row', 'unknown_hotel'])
    // The same again: nothing changes.
    const again = await api.post('/api/v1/usage', { rows: rows.slice(0, 1) }, bearer(key))
    expect(again.body.accepted[0].status).toBe('unchanged')

    // The concierge key is not a vendor key nor a session.
    expect((await api.get('/api/v1/pms/hotels', bearer(key))).status).toBe(401)
    expect((await api.get('/api/v1/hq/roi', bearer(key))).status).toBe(401)
    // A vendor key cannot report usage.
    const vendor = await db.pmsVendor.findFirstOrThrow()
    const vendorKey = await hq.post(`/api/v1/hq/pms-vendors/${vendor.id}/api-keys`, { name: 'e2e' })
    expect((await api.post('/api/v1/usage', { rows }, bearer(vendorKey.body.key))).status).toBe(401)
    expect((await api.post('/api/v1/usage', { rows })).status).toBe(401)
    // Revoked: refused at once.
    expect((await hq.delete(`/api/v1/hq/concierge-keys/${issued.body.id}`)).status).toBe(200)
    expect((await api.post('/api/v1/usage', { rows }, bearer(key))).status).toBe(401)
  })

  it('HQ and the hotel read their ROI; a hotel sees only its own', async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const overview = await hq.get('/api/v1/hq/roi')
    expect(overview.status).toBe(200)
    expect(overview.body.cases.find((c: { slug: string }) => c.slug === 'hotel-yuki')).toMatchObject({
      status: expect.any(String),
      amount: expect.any(Number),
    })
    expect(overview.body.trend.length).toBeGreaterThan(10)
    const owner = new Client(hotelHost('hotel-yuki'))
    await owner.signIn('owner@hotel-yuki.example', 'hotel')
    const mine = await owner.get('/api/v1/tenant/roi')
    expect(mine.status).toBe(200)
    expect(mine.body.measurements.length).toBeGreaterThan(20)
    expect(mine.body.guaranteedRoiBps).toBe(10_000)
    // Its session opens nothing on another hotel's host.
    expect((await owner.get('/api/v1/tenant/roi', { host: hotelHost('hotel-umi') })).status).toBe(404)
    // Staff-level checks: a manager or owner may change the settings; the schema refuses nonsense.
    expect(
      (await owner.put('/api/v1/tenant/roi/settings', { staffHourlyCost: -1, minutesSavedPerConversation: 6 })).status,
    ).toBe(400)
  })
})

describe.skipIf(!chromiumPath)('the ROI pages in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  const watch = (page: Page) => {
    const errors: string[] = []
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    return errors
  }
  async function signIn(page: Page, base: string, path: string, email: string) {
    await page.goto(`${base}${path}`)
    await page.waitForLoadState('networkidle')
    await page.locator('input[data-testid=email], [data-testid=email] input').fill(email)
    await page.locator('input[data-testid=password], [data-testid=password] input').fill('omotenasu-demo')
    await page.getByTestId('sign-in-submit').click()
  }

  it('HQ sees the average, both charts and the case, and approves it as a credit after confirming', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } })
    const page = await context.newPage()
    const errors = watch(page)
    const base = `http://localhost:${appPort()}`
    await signIn(page, base, '/hq/login', 'hq@omotenasu.example')
    await page.waitForURL(/\/hq\/dashboard$/)
    await page.goto(`${base}/hq/roi`)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('[data-testid=roi-distribution-chart] svg rect').count()).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid=roi-trend-chart] svg path').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('roi-average').innerText()).toMatch(/%/)
    expect(await page.getByTestId('roi-total-compensation').innerText()).toMatch(/￥|¥/)
    await page.screenshot({ path: `${shots}/hq-roi.png`, fullPage: true })

    const row = page.getByTestId('roi-cases').locator('tr', { hasText: 'hotel-yuki' })
    const credit = row.getByTestId('credit-hotel-yuki')
    if (await credit.count()) {
      await credit.click()
      await page.getByTestId('confirm-submit').waitFor()
      expect(await page.getByTestId('confirm-details').innerText()).toMatch(/雪見温泉旅館/)
      await page.getByTestId('confirm-submit').click()
      await expect.poll(() => row.innerText()).toMatch(/次回請求で相殺予定|相殺済み/)
    }
    // Like most HQ pages (KNOWN_HYDRATION_MISMATCHES in crawl.test.ts), /hq/roi logs Vue's bare
    // "Hydration completed but contains mismatches." with no detail even in a HYDRATION_DETAILS build;
    // reported, not failed, until found. Anything else fails.
    expect(errors.filter((e) => e !== 'Hydration completed but contains mismatches.')).toEqual([])
    await context.close()
  })

  it("the hotel sees its ROI against the guarantee, each week's inputs and the settings' effect", async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } })
    const page = await context.newPage()
    const errors = watch(page)
    const base = `http://hotel-yuki.localhost:${appPort()}`
    await signIn(page, base, '/login', 'owner@hotel-yuki.example')
    await page.waitForURL(`${base}/`)
    await page.goto(`${base}/roi`)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('[data-testid=roi-chart] svg path').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('roi-guarantee').innerText()).toMatch(/100%/)
    expect(await page.getByTestId('roi-inputs').locator('tbody tr').count()).toBeGreaterThan(20)
    expect(await page.getByTestId('roi-inputs').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    expect(await page.getByTestId('roi-effect').innerText()).toContain('6分')
    await page.screenshot({ path: `${shots}/hotel-roi.png`, fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  })
})
