// HQ edits a business number over HTTP and in Chromium: percent and yen on the wire and on screen
// (never basis points), validation, tomorrow at the earliest, audit; screenshots in ja and en.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { periodKey } from '../../shared/domain/schedule'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { appPort, Client, rootHost } from '../helpers/http'

const db = e2eDb()
const FAR = ['2099-04-01', '2099-05-01']
afterAll(async () => {
  await db.businessSetting.deleteMany({ where: { effectiveFrom: { in: FAR.map((d) => new Date(d)) } } })
  await db.$disconnect()
})

describe('HQ business numbers over HTTP', () => {
  const hq = new Client(rootHost())
  beforeAll(async () => {
    await hq.signIn('hq@omotenasu.example', 'hq')
  })

  it('only HQ reads them', async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-bronze@agents.example', 'agent')
    expect((await agent.get('/api/v1/hq/business-rules')).status).toBe(403)
    expect((await new Client(rootHost()).get('/api/v1/hq/business-rules')).status).toBe(401)
  })

  it("lists every number in percent, yen or months with DOMAIN.md's values, never basis points", async () => {
    const res = await hq.get('/api/v1/hq/business-rules')
    expect(res.status).toBe(200)
    const byKey = Object.fromEntries(
      (res.body.settings as { key: string; unit: string; value: number }[]).map((s) => [s.key, [s.value, s.unit]]),
    )
    expect(byKey).toEqual({
      cycle_discount_yearly: [10, 'percent'],
      cycle_discount_biennial: [20, 'percent'],
      customer_commission_rate: [5, 'percent'],
      referral_commission_months: [12, 'months'],
      own_discount_rate: [10, 'percent'],
      own_discount_months: [6, 'months'],
      referral_discount_cap: [30, 'percent'],
      pms_default_commission_rate: [20, 'percent'],
      payout_minimum: [5_000, 'yen'],
      consumption_tax_rate: [10, 'percent'],
      refund_auto_approval_limit: [100_000, 'yen'],
    })
    expect(res.text).not.toMatch(/bps/i)
    expect(res.body.today).toBe(periodKey(new Date(), 'day'))
  })

  it('refuses a percent out of range, a fraction of a yen, and a date before tomorrow (Tokyo)', async () => {
    const outOfRange = await hq.post('/api/v1/hq/business-rules', {
      key: 'consumption_tax_rate',
      value: 60,
      effectiveFrom: FAR[0],
    })
    expect(outOfRange.status).toBe(400)
    expect(outOfRange.body.data.fields).toHaveProperty('value')
    expect(
      (await hq.post('/api/v1/hq/business-rules', { key: 'payout_minimum', value: 4_999.5, effectiveFrom: FAR[0] }))
        .status,
    ).toBe(400)
    const today = await hq.post(
      '/api/v1/hq/business-rules',
      { key: 'payout_minimum', value: 3_000, effectiveFrom: periodKey(new Date(), 'day') },
      { headers: { 'accept-language': 'ja' } },
    )
    expect(today.status).toBe(400)
    expect(today.text).toContain('business_setting_effective_date')
    expect(today.body.message).toContain('明日')
    expect(await db.businessSetting.count({ where: { key: 'payout_minimum' } })).toBe(1)
  })

  it('schedules a number from a future date, shows it as scheduled, and audits who did it', async () => {
    const res = await hq.post('/api/v1/hq/business-rules', {
      key: 'consumption_tax_rate',
      value: 12.5,
      effectiveFrom: FAR[0],
      note: 'e2e',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      key: 'consumption_tax_rate',
      value: 12.5,
      unit: 'percent',
      previousValue: 10,
      effectiveFrom: FAR[0],
    })
    expect(
      await db.businessSetting.findUniqueOrThrow({
        where: { key_effectiveFrom: { key: 'consumption_tax_rate', effectiveFrom: new Date(FAR[0]!) } },
      }),
    ).toMatchObject({ value: 1_250 })
    const tax = (await hq.get('/api/v1/hq/business-rules')).body.settings.find(
      (s: { key: string }) => s.key === 'consumption_tax_rate',
    )
    expect(tax).toMatchObject({ value: 10, scheduled: [{ effectiveFrom: FAR[0], value: 12.5 }] })
    const user = await db.user.findFirstOrThrow({ where: { email: 'hq@omotenasu.example' } })
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: 'business_setting', entityId: `consumption_tax_rate@${FAR[0]}` },
    })
    expect(audit).toMatchObject({
      actorType: 'user',
      actorId: user.id,
      action: 'create',
      before: { value: 10, unit: 'percent' },
      after: { value: 12.5, unit: 'percent', effectiveFrom: FAR[0] },
    })
    expect(audit.ip).toBeTruthy()
  })
})

describe.skipIf(!chromiumPath)('HQ business numbers in Chromium', () => {
  let browser: Browser
  const shots = 'test-results'
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  const input = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first()

  it(`HQ changes the minimum payout with a confirmation that says what will happen, in Japanese and \
English`, async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const base = `http://localhost:${appPort()}`
    await page.goto(`${base}/hq/settings`)
    await page.waitForURL(/\/hq\/login/)
    await page.waitForLoadState('networkidle')
    await input(page, 'email').fill('hq@omotenasu.example')
    await input(page, 'password').fill('omotenasu-demo')
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(`${base}/hq/settings`)
    await page.waitForLoadState('networkidle')
    const table = page.getByTestId('business-rules-table')
    await expect.poll(() => table.textContent()).toContain('最低支払額')
    expect(await table.textContent()).toContain('￥5,000')
    expect(await table.textContent()).toContain('10%')
    expect(await table.textContent()).not.toMatch(/bps|1000/)
    await page.screenshot({ path: `${shots}/hq-business-rules-ja.png`, fullPage: true })

    await page.getByTestId('edit-payout_minimum').click()
    await input(page, 'business-setting-value').fill('3000')
    await input(page, 'business-setting-date').fill(FAR[1]!)
    await page.getByTestId('business-setting-review').click()
    const confirm = page.getByTestId('business-setting-confirm')
    await expect.poll(() => confirm.textContent()).toContain('￥5,000 から ￥3,000 に変更します')
    expect(await confirm.textContent()).toContain('発行済みの請求書')
    await page.screenshot({ path: `${shots}/hq-business-rules-confirm-ja.png` })
    await page.getByTestId('business-setting-confirm-button').click()
    await expect.poll(() => table.textContent()).toContain('￥3,000')
    expect(
      await db.businessSetting.findUniqueOrThrow({
        where: { key_effectiveFrom: { key: 'payout_minimum', effectiveFrom: new Date(FAR[1]!) } },
      }),
    ).toMatchObject({ value: 3_000 })

    await page.getByTestId('locale-switch').click()
    await page.getByRole('option', { name: 'English' }).click()
    await expect.poll(() => table.textContent()).toContain('Minimum payout')
    expect(await table.textContent()).toContain('Consumption tax rate')
    await page.screenshot({ path: `${shots}/hq-business-rules-en.png`, fullPage: true })
    await context.close()
  })
})
