// The HQ payouts page in Chromium: Tokyo defaults, a batch, approving the month through its
// confirmation modal, downloading the Zengin file (and the byte-level check on what was saved),
// and a payee's negative balance on screen.
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonthsToMonth } from '../../shared/domain/referrals'
import { periodKey } from '../../shared/domain/schedule'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { appPort } from '../helpers/http'
import { validateZenginFile } from '../helpers/zengin-validator'

const shots = 'test-results'
const db = e2eDb()
let browser: Browser
const hydrated = (page: Page) => page.waitForLoadState('networkidle')

// An old month no other test pays out, so this file runs in any order with the others.
const MONTH = '2023-06'

describe.skipIf(!chromiumPath)('HQ payouts in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await db.$disconnect()
  })

  it('approves a month behind a confirmation modal and downloads a Zengin file that passes the check', async () => {
    const suffix = randomUUID().slice(0, 6)
    const agent = await db.agent.create({
      data: {
        companyName: `ブラウザ販売 ${suffix}`,
        contactName: 'B',
        email: `browser-${suffix}@x.example`,
        qualifiedInvoiceNumber: 'T7000012050002',
      },
    })
    await db.payeeBankAccount.create({
      data: {
        payeeType: 'agent',
        payeeId: agent.id,
        bankCode: '0001',
        bankName: 'ﾐｽﾞﾎ',
        branchCode: '001',
        branchName: 'ﾄｳｷﾖｳ',
        accountType: 'ordinary',
        accountNumber: '3456789',
        holderKana: 'ﾌﾞﾗｳｻﾞﾊﾝﾊﾞｲ(ｶ',
      },
    })
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.tenant.create({
      data: {
        slug: `browser-pay-${suffix}`,
        name: 'Browser Pay Hotel',
        planId: plan.id,
        contractStartDate: new Date(`${MONTH}-01`),
      },
    })
    const referral = await db.referral.create({
      data: {
        code: `BRW-${suffix}`,
        referrerType: 'agent',
        referrerAgentId: agent.id,
        referredTenantId: tenant.id,
        status: 'converted',
      },
    })
    await db.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date(`${MONTH}-01`),
        contractMonth: 1,
        feeAttributable: 29_800,
        rateBps: 2_000,
        amount: 5_960,
      },
    })

    const context = await browser.newContext({
      locale: 'ja-JP',
      timezoneId: 'UTC',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    await page.goto(`http://localhost:${appPort()}/hq/login`)
    await hydrated(page)
    await page.locator('input[data-testid=email], [data-testid=email] input').fill('hq@omotenasu.example')
    await page.locator('input[data-testid=password], [data-testid=password] input').fill('omotenasu-demo')
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(/\/hq\/dashboard$/) // HQ lands on its dashboard
    await page.goto(`http://localhost:${appPort()}/hq/payouts`)
    await hydrated(page)

    // Defaults are Tokyo's, whatever the browser's zone (this one runs in UTC).
    const monthInput = page.locator('input[data-testid=payout-month], [data-testid=payout-month] input')
    expect(await monthInput.inputValue()).toBe(addMonthsToMonth(periodKey(new Date(), 'month'), -1))
    const dateInput = page.locator('input[data-testid=payout-transfer-date], [data-testid=payout-transfer-date] input')
    expect((await dateInput.inputValue()) > periodKey(new Date(), 'day')).toBe(true)

    await monthInput.fill(MONTH)
    // Running payouts by hand asks first, saying for which month and that nothing is sent yet.
    await page.getByTestId('payout-create').click()
    await expect.poll(() => page.getByTestId('payout-confirm').textContent()).toContain(MONTH)
    await page.getByTestId('payout-confirm-button').click()
    await expect.poll(() => page.getByTestId('hq-payouts-table').textContent()).toContain(agent.companyName)
    expect(await page.getByTestId('hq-payouts-table').textContent()).toContain('下書き')

    // Approving asks first, saying how many and how much.
    await page.getByTestId('payout-approve-month').click()
    const modal = page.getByTestId('payout-confirm')
    await expect.poll(() => modal.textContent()).toContain('￥6,556')
    await page.screenshot({ path: `${shots}/hq-payouts-approve-modal.png` })
    await page.getByTestId('payout-confirm-button').click()
    await expect.poll(() => page.getByTestId('hq-payouts-table').textContent()).toContain('承認済み')

    await page.getByTestId('payout-zengin').click()
    await expect.poll(() => modal.textContent()).toContain('全銀ファイル')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('payout-confirm-button').click(),
    ])
    const bytes = readFileSync((await download.path())!)
    const { errors, parsed } = validateZenginFile(bytes)
    expect(errors).toEqual([])
    expect(parsed.data.map((d) => d['口座番号'])).toContain('3456789')
    await expect.poll(() => page.getByTestId('hq-payouts-table').textContent()).toContain('出力済み')
    await expect.poll(() => page.getByTestId('zengin-files-table').textContent()).toContain(`${MONTH} #1`)
    const payout = await db.payout.findFirstOrThrow({ where: { payeeId: agent.id } })
    expect(payout.status).toBe('exported')
    const stored = await db.zenginFile.findUniqueOrThrow({ where: { id: payout.zenginFileId! } })
    expect(Buffer.compare(Buffer.from(stored.content), bytes)).toBe(0)

    // A clawback bigger than the next earnings: the balance shows negative.
    const paid = await db.referralPayment.findFirstOrThrow({ where: { payoutId: payout.id } })
    await db.payoutAdjustment.create({
      data: {
        payeeType: 'agent',
        payeeId: agent.id,
        amount: -9_000,
        reason: 'Clawback: refunded',
        referralPaymentId: paid.id,
      },
    })
    await page.reload()
    await hydrated(page)
    await expect.poll(() => page.getByTestId('payee-balances-table').textContent()).toContain(agent.companyName)
    expect(await page.getByTestId('payee-balances-table').textContent()).toContain('-￥9,000')
    await page.screenshot({ path: `${shots}/hq-payouts.png`, fullPage: true })
    await context.close()
  })
})
