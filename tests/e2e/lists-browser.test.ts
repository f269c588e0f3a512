// The long lists, the audit log, the referral QR codes and the dashboard charts in Chromium:
// searching narrows the rows and lands in the URL, the audit log reads as sentences with names,
// any referral code opens its QR code, the charts draw, and none of it logs a console error.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { Client, appPort, rootHost } from '../helpers/http'

const shots = 'test-results'
let browser: Browser
const hydrated = (page: Page) => page.waitForLoadState('networkidle')

async function signedInPage(path: string, portal: 'hq' | 'agent', email: string, locale = 'ja-JP') {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    // The pages still hydrating with a mismatch are listed (and reported) by crawl.test.ts.
    if (/Hydration/.test(m.text())) return
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  const base = `http://localhost:${appPort()}`
  await page.goto(`${base}/${portal}/login`)
  await hydrated(page)
  await page.locator('input[data-testid=email], [data-testid=email] input').fill(email)
  await page.locator('input[data-testid=password], [data-testid=password] input').fill('omotenasu-demo')
  await page.getByTestId('sign-in-submit').click()
  await page.waitForURL(portal === 'hq' ? `${base}/hq/dashboard` : `${base}/${portal}`) // HQ lands on its dashboard
  await page.goto(`${base}${path}`)
  await hydrated(page)
  return { page, errors, base }
}

describe.skipIf(!chromiumPath)('lists in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('HQ hotels: a search narrows the rows, lands in the URL, survives a reload; the row menu asks first', async () => {
    const { page, errors } = await signedInPage('/hq', 'hq', 'hq@omotenasu.example')
    await page.locator('input[data-testid=list-search], [data-testid=list-search] input').fill('hotel-b')
    await page.waitForURL(/[?&]q=hotel-b/)
    await expect.poll(() => page.getByTestId('tenants-table').locator('tbody tr').count()).toBe(1)
    await page.reload()
    await hydrated(page)
    expect(await page.getByTestId('tenants-table').textContent()).toContain('hotel-b')
    await page.getByTestId('tenant-actions-hotel-b').click()
    await page.getByRole('menuitem', { name: '停止' }).click()
    const modal = page.getByRole('dialog')
    await expect.poll(() => modal.textContent()).toContain('を停止しますか')
    await page.getByTestId('confirm-cancel').click()
    await expect.poll(() => modal.count()).toBe(0)
    expect(await page.getByTestId('list-csv').getAttribute('href')).toBe('/api/v1/hq/tenants?q=hotel-b&format=csv')
    await page.screenshot({ path: `${shots}/hq-tenants-search.png` })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the audit log names who did what to which target, in sentences, with the changed fields', async () => {
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const agent = (
      await hq.post('/api/v1/hq/agents', {
        companyName: `監査テスト商事 ${Date.now() % 10_000}`,
        contactName: '監査 花子',
        email: `audit-${Date.now()}@agents.example`,
      })
    ).body
    await hq.patch(`/api/v1/hq/agents/${agent.id}`, { contactName: '監査 次郎' })
    const { page, errors } = await signedInPage('/hq/audit?action=agent.update', 'hq', 'hq@omotenasu.example')
    const table = page.getByTestId('audit-table')
    await expect.poll(() => table.textContent()).toContain(`代理店「${agent.companyName}」の情報を変更しました`)
    expect(await table.textContent()).toContain('本部')
    await table.locator('tbody tr').first().getByRole('button').click()
    const diff = page.getByTestId('audit-diff')
    await diff.waitFor()
    expect(await diff.textContent()).toContain('監査 次郎')
    expect(await diff.locator('tbody tr').count()).toBe(1) // only contactName changed
    await page.screenshot({ path: `${shots}/hq-audit.png` })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an agent opens the QR code of an older code, and its dashboard draws both charts', async () => {
    const agent = new Client(rootHost())
    await agent.signIn('agent-gold@agents.example', 'agent')
    const older = (await agent.post('/api/v1/agent/referrals', { campaign: 'older' })).body
    await agent.post('/api/v1/agent/referrals', { campaign: 'newer' })
    const { page, errors, base } = await signedInPage('/agent/referrals', 'agent', 'agent-gold@agents.example')
    await page.getByTestId(`referral-actions-${older.code}`).click()
    await page.getByRole('menuitem', { name: 'リンクと QR コード' }).click()
    const qr = page.getByTestId('referral-qr')
    await qr.waitFor()
    expect(await page.getByTestId('referral-qr-url').textContent()).toContain(`/signup?ref=${older.code}`)
    expect(await qr.locator('svg').count()).toBe(1)
    const download = page.waitForEvent('download')
    await page.getByTestId('qr-png').click()
    expect((await download).suggestedFilename()).toBe(`referral-${older.code}.png`)
    await page.keyboard.press('Escape')

    await page.goto(`${base}/agent`)
    await hydrated(page)
    await page.locator('[data-testid=agent-charts] svg').first().waitFor()
    expect(await page.locator('[data-testid=agent-charts] svg').count()).toBeGreaterThanOrEqual(1)
    await page.screenshot({ path: `${shots}/agent-dashboard-charts.png` })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
