// The three surfaces in Chromium, as their users see them: sign in, see the dashboard, switch
// language, navigate, sign out. Screenshots land in test-results/ for a person to look at.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { randomUUID } from 'node:crypto'
import { enqueueMail } from '../../server/services/mail'
import { e2eDb } from '../helpers/e2e-db'
import { lastMail, linkIn } from '../helpers/mail'
import { Client, appPort, rootHost } from '../helpers/http'

const shots = 'test-results'
let browser: Browser

/** Server-rendered pages are interactive only once hydrated: wait until the network is quiet. */
const hydrated = (page: Page) => page.waitForLoadState('networkidle')

async function signIn(page: Page, email: string) {
  await hydrated(page)
  // UInput puts the test id on the <input> itself or on its wrapper, depending on the version.
  await page.locator('input[data-testid=email], [data-testid=email] input').fill(email)
  await page.locator('input[data-testid=password], [data-testid=password] input').fill('omotenasu-demo')
  await page.getByTestId('sign-in-submit').click()
}

describe.skipIf(!chromiumPath)('in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('hotel staff sign in on their subdomain, see their hotel, switch to English, and sign out', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    const base = `http://hotel-a.localhost:${appPort()}`
    await page.goto(`${base}/`)
    await page.waitForURL(`${base}/login`)
    await expect.poll(() => page.getByTestId('sign-in-subtitle').textContent()).toContain('旅館 さくら')
    await expect.poll(() => page.locator('h1').textContent()).toContain('ホテル管理にサインイン')
    await page.screenshot({ path: `${shots}/hotel-sign-in-ja.png` })

    await signIn(page, 'owner@hotel-a.example')
    await page.getByTestId('hotel-dashboard').waitFor()
    expect(await page.getByTestId('hotel-name').textContent()).toContain('旅館 さくら (Ryokan Sakura)')
    expect(await page.getByTestId('rooms-used').textContent()).toContain('5 / 上限 30 室')
    expect(await page.getByTestId('plan-name').textContent()).toContain('Leisure Economy')
    expect(await page.getByTestId('hotel-dashboard').textContent()).toContain('AIチャット')
    const roomsLink = page.locator('a[href="/rooms"]').first()
    expect(await roomsLink.textContent()).toContain('客室')
    await page.screenshot({ path: `${shots}/hotel-dashboard-ja.png` })

    await page.getByTestId('locale-switch').click()
    await page.getByRole('option', { name: 'English' }).click()
    await expect.poll(() => page.getByTestId('rooms-used').textContent()).toContain('5 of 30 rooms')
    await expect.poll(() => roomsLink.textContent()).toContain('Rooms')
    await page.screenshot({ path: `${shots}/hotel-dashboard-en.png` })

    await roomsLink.click()
    await page.waitForURL(`${base}/rooms`)
    await expect.poll(() => page.getByTestId('rooms-table').textContent()).toContain('101')
    await page.screenshot({ path: `${shots}/hotel-rooms-en.png` })

    await page.getByTestId('sign-out').click()
    await page.waitForURL(`${base}/login`)
    await page.goto(`${base}/rooms`)
    await page.waitForURL(/\/login/)
    // Fonts, icons and scripts all come from the app itself: no request leaves the machine.
    expect(requested.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'))).toEqual([])
    expect(requested.some((url) => url.includes('/api/_nuxt_icon') || url.includes('/_nuxt/'))).toBe(true)
    await context.close()
  })

  it("another hotel's host shows its own sign-in, and an unknown hotel a clear 404 page", async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    await page.goto(`http://hotel-b.localhost:${appPort()}/login`)
    await expect.poll(() => page.getByTestId('sign-in-subtitle').textContent()).toContain('ホテル京都ガーデン')
    const res = await page.goto(`http://no-such-hotel.localhost:${appPort()}/`)
    expect(res?.status()).toBe(404)
    await expect
      .poll(() => page.getByTestId('error-title').textContent())
      .toContain('このアドレスのホテルは見つかりません')
    await page.screenshot({ path: `${shots}/unknown-hotel.png` })
    await context.close()
  })

  it('an agent signs in to the agent portal and out again', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://localhost:${appPort()}`
    await page.goto(`${base}/agent`)
    await page.waitForURL(/\/agent\/login/)
    await signIn(page, 'agent-gold@agents.example')
    await page.getByTestId('agent-dashboard').waitFor()
    expect(await page.getByTestId('agent-rank').textContent()).toContain('ゴールド')
    await page.getByTestId('agent-charts').waitFor()
    await page.screenshot({ path: `${shots}/agent-dashboard.png` })
    await page.getByTestId('sign-out').click()
    await page.waitForURL(`${base}/agent/login`)
    await context.close()
  })

  it('a hotel follows a referral link, signs up, and lands on its own subdomain signed in', async () => {
    const db = e2eDb()
    const agent = await db.agent.findFirstOrThrow({ where: { email: 'agent-gold@agents.example' } })
    const { code } = await db.referral.create({
      data: { code: `BRW-${randomUUID().slice(0, 8).toUpperCase()}`, referrerType: 'agent', referrerAgentId: agent.id },
    })
    const slug = `brw-${randomUUID().slice(0, 6)}`
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 1000 } })
    const page = await context.newPage()
    const root = `http://localhost:${appPort()}`
    await page.goto(`${root}/?ref=${code}`)
    await page.goto(`${root}/signup`)
    await expect.poll(() => page.getByTestId('referral-note').textContent()).toContain(code)
    await hydrated(page)
    const fill = (id: string, value: string) =>
      page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).fill(value)
    await fill('hotel-name-input', '湯の宿 ブラウザ')
    await fill('subdomain-input', slug)
    await fill('owner-name-input', '鈴木 花子')
    await fill('email-input', `${slug}@hotel.example`)
    await fill('password-input', 'correct-horse-battery')
    await page.screenshot({ path: `${shots}/signup-ja.png`, fullPage: true })
    await page.getByTestId('signup-submit').click()
    await page.waitForURL(`http://${slug}.localhost:${appPort()}/?welcome=1`)
    await page.getByTestId('welcome').waitFor()
    expect(await page.getByTestId('hotel-name').textContent()).toContain('湯の宿 ブラウザ')
    await page.screenshot({ path: `${shots}/signup-landed.png` })
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } })
    expect(await db.referral.findUnique({ where: { code } })).toMatchObject({
      referredTenantId: tenant.id,
      status: 'pending',
    })
    await db.$disconnect()
    await context.close()
  })

  it('the owner sees plan and billing, with the invoice printable', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const base = `http://hotel-b.localhost:${appPort()}`
    await page.goto(`${base}/login`)
    await signIn(page, 'manager@hotel-b.example')
    await page.getByTestId('hotel-dashboard').waitFor()
    await page.goto(`${base}/billing`)
    await expect.poll(() => page.getByTestId('current-plan').textContent()).toContain('Omotenasu Professional')
    await expect.poll(() => page.getByTestId('invoices-table').textContent()).toContain('支払済み')
    await page.screenshot({ path: `${shots}/billing-ja.png`, fullPage: true })
    await page.getByTestId('invoices-table').getByRole('link').first().click()
    await page.getByTestId('document-invoice').waitFor()
    expect(await page.getByTestId('invoice-total').textContent()).toMatch(/￥[\d,]+/)
    await page.screenshot({ path: `${shots}/invoice-ja.png`, fullPage: true })
    await context.close()
  })

  it('the owner manages staff and settings; HQ sees the plan catalogue', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://hotel-a.localhost:${appPort()}`
    await page.goto(`${base}/login`)
    await signIn(page, 'owner@hotel-a.example')
    await page.getByTestId('hotel-dashboard').waitFor()
    await page.goto(`${base}/staff`)
    await expect.poll(() => page.getByTestId('members-table').textContent()).toContain('staff@hotel-a.example')
    await page.screenshot({ path: `${shots}/staff-ja.png` })
    await page.goto(`${base}/settings`)
    await page.getByTestId('settings-save').waitFor()
    await page.screenshot({ path: `${shots}/settings-ja.png` })
    const hq = await context.newPage()
    await hq.goto(`http://localhost:${appPort()}/hq/login`)
    await signIn(hq, 'hq@omotenasu.example')
    await hq.waitForURL(/\/hq\/dashboard$/) // HQ lands on its dashboard
    await hq.goto(`http://localhost:${appPort()}/hq/plans`)
    await expect.poll(() => hq.getByTestId('plans-table').textContent()).toContain('Omotenasu Enterprise')
    await hq.screenshot({ path: `${shots}/hq-plans-ja.png` })
    await context.close()
  })

  it(`staff see the rooms page with each status changeable and no add or remove; a manager's remove asks \
first`, async () => {
    const db = e2eDb()
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    const room = await db.room.findFirstOrThrow({ where: { tenantId: hotelA.id, roomNumber: '202' } })
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://hotel-a.localhost:${appPort()}`
    await page.goto(`${base}/login`)
    await signIn(page, 'staff@hotel-a.example')
    await page.getByTestId('hotel-dashboard').waitFor()
    await page.goto(`${base}/rooms`)
    await hydrated(page)
    await expect.poll(() => page.getByTestId('rooms-table').textContent()).toContain('202')
    expect(await page.getByTestId('role-note').textContent()).toContain('スタッフは各客室の状態を変更できます')
    expect(await page.getByTestId('add-room').count()).toBe(0)
    expect(await page.locator('[data-testid^=remove-room-]').count()).toBe(0)
    expect(await page.getByTestId('room-limit').count()).toBe(0)
    await page.getByTestId('room-status-202').click()
    await page.getByRole('option', { name: '未清掃' }).click()
    await expect
      .poll(
        async () =>
          (await db.room.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelA.id, id: room.id } } })).status,
      )
      .toBe('dirty')
    await expect.poll(() => page.getByTestId('room-status-202').textContent()).toContain('未清掃')
    await page.screenshot({ path: `${shots}/hotel-rooms-staff-ja.png` })
    await page.goto(`${base}/staff`)
    await expect.poll(() => page.getByTestId('not-allowed').textContent()).toContain('マネージャーとオーナーのみ')
    expect(await page.getByTestId('members-table').count()).toBe(0)
    await page.screenshot({ path: `${shots}/hotel-staff-page-as-staff-ja.png` })
    await page.goto(`${base}/settings`)
    await expect.poll(() => page.getByTestId('settings-role-note').textContent()).toContain('マネージャー以上のみ')
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true)
    await context.close()

    const owner = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const ownerPage = await owner.newPage()
    await ownerPage.goto(`${base}/login`)
    await signIn(ownerPage, 'owner@hotel-a.example')
    await ownerPage.getByTestId('hotel-dashboard').waitFor()
    await ownerPage.goto(`${base}/rooms`)
    await hydrated(ownerPage)
    await ownerPage.getByTestId('remove-room-202').click()
    const modal = ownerPage.getByRole('dialog')
    await expect.poll(() => modal.textContent()).toContain('客室 202 を削除しますか')
    expect(await modal.textContent()).toContain('元に戻せません')
    await ownerPage.getByTestId('confirm-submit').waitFor()
    await ownerPage.waitForTimeout(300) // the modal's open animation, for the screenshot
    await ownerPage.screenshot({ path: `${shots}/hotel-rooms-remove-confirm-ja.png` })
    await ownerPage.getByTestId('confirm-cancel').click()
    await expect.poll(() => modal.count()).toBe(0)
    expect(await db.room.count({ where: { tenantId: hotelA.id, roomNumber: '202' } })).toBe(1)
    await db.room.update({
      where: { tenantId_id: { tenantId: hotelA.id, id: room.id } },
      data: { status: room.status },
    })
    await db.$disconnect()
    await owner.close()
  })

  it('HQ running a job by hand asks first and says what will happen; cancel closes it', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const hq = await context.newPage()
    await hq.goto(`http://localhost:${appPort()}/hq/login`)
    await signIn(hq, 'hq@omotenasu.example')
    await hq.waitForURL(/\/hq\/dashboard$/) // HQ lands on its dashboard
    await hq.goto(`http://localhost:${appPort()}/hq/jobs`)
    await hydrated(hq)
    await hq.getByTestId('run-billing').click()
    const modal = hq.getByRole('dialog')
    await expect.poll(() => modal.textContent()).toContain('ジョブ「請求書の発行」を今すぐ実行しますか')
    await hq.waitForTimeout(300) // the modal's open animation, for the screenshot
    await hq.screenshot({ path: `${shots}/hq-run-job-confirm-ja.png` })
    await hq.getByTestId('confirm-cancel').click()
    await expect.poll(() => modal.count()).toBe(0)
    await context.close()
  })

  it(`an agent issues a code, a hotel signs up with it, its invoice is paid, the commission appears in the agent's \
ledger`, async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const agentPage = await context.newPage()
    const root = `http://localhost:${appPort()}`
    await agentPage.goto(`${root}/agent/login`)
    await signIn(agentPage, 'agent-gold@agents.example')
    await agentPage.getByTestId('agent-dashboard').waitFor()
    await agentPage.goto(`${root}/agent/referrals`)
    await hydrated(agentPage)
    await agentPage
      .locator('input[data-testid=referral-campaign], [data-testid=referral-campaign] input')
      .fill('京都 2026 冬')
    await agentPage.getByTestId('referral-generate').click()
    const code = (await agentPage.getByTestId('referral-code').textContent())!.trim()
    expect(code).toMatch(/^A-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(await agentPage.getByTestId('tracking-url').textContent()).toBe(`${root}/signup?ref=${code}`)
    expect(await agentPage.locator('[data-testid=referral-issued] svg').count()).toBe(1) // the QR code
    await agentPage.screenshot({ path: `${shots}/agent-referral-code.png` })

    const hotelContext = await browser.newContext({ locale: 'ja-JP' })
    const hotelPage = await hotelContext.newPage()
    const slug = `agt-${randomUUID().slice(0, 6)}`
    await hotelPage.goto(`${root}/signup?ref=${code}`)
    await expect.poll(() => hotelPage.getByTestId('referral-note').textContent()).toContain(code)
    await hydrated(hotelPage)
    const fill = (id: string, value: string) =>
      hotelPage.locator(`input[data-testid=${id}], [data-testid=${id}] input`).fill(value)
    await fill('hotel-name-input', 'ホテル 紹介テスト')
    await fill('subdomain-input', slug)
    await fill('owner-name-input', '紹介 太郎')
    await fill('email-input', `${slug}@hotel.example`)
    await fill('password-input', 'correct-horse-battery')
    await hotelPage.getByTestId('signup-submit').click()
    await hotelPage.waitForURL(`http://${slug}.localhost:${appPort()}/?welcome=1`)
    await hotelContext.close()

    // HQ records the first invoice's payment and runs the commission job.
    const db = e2eDb()
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug } })
    const invoice = await db.invoice.findFirstOrThrow({ where: { tenantId: tenant.id } })
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    expect((await hq.post(`/api/v1/hq/invoices/${tenant.id}/${invoice.id}/pay`)).status).toBe(200)
    expect((await hq.post('/api/v1/hq/jobs/commissions/run')).body).toMatchObject({ status: 'ran' })
    expect(await db.referral.findUnique({ where: { code } })).toMatchObject({
      status: 'converted',
      referredTenantId: tenant.id,
    })
    await db.$disconnect()

    await agentPage.goto(`${root}/agent/commissions`)
    await expect.poll(() => agentPage.getByTestId('commission-ledger').textContent()).toContain('ホテル 紹介テスト')
    expect(await agentPage.getByTestId('commission-ledger').textContent()).toContain('￥17,940') // 30% of ¥59,800
    await agentPage.screenshot({ path: `${shots}/agent-commissions.png` })
    // The contract is on the agent's contracts page with what it has yielded.
    await agentPage.goto(`${root}/agent/sales`)
    await expect.poll(() => agentPage.getByTestId('agent-sales').textContent()).toContain('ホテル 紹介テスト')
    expect(await agentPage.getByTestId('agent-sales').textContent()).toContain('￥17,940')
    await agentPage.screenshot({ path: `${shots}/agent-sales.png` })
    await context.close()
  })

  it('an HQ admin signs in to HQ, sees every hotel, and signs out', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://localhost:${appPort()}`
    await page.goto(`${base}/hq`)
    await page.waitForURL(/\/hq\/login/)
    await signIn(page, 'hq@omotenasu.example')
    await expect.poll(() => page.getByTestId('tenants-table').textContent()).toContain('hotel-c')
    await page.screenshot({ path: `${shots}/hq-tenants.png` })
    await page.getByTestId('sign-out').click()
    await page.waitForURL(`${base}/hq/login`)
    await context.close()
  })

  it('HQ reads a mail in the outbox: filter by recipient, open the row, read the body and its link', async () => {
    const to = `outbox-${randomUUID().slice(0, 8)}@hotel.example`
    const url = `http://hotel-a.localhost:${appPort()}/auth/reset?token=${randomUUID()}`
    const db = e2eDb()
    try {
      await enqueueMail(db, {
        to,
        locale: 'ja',
        template: 'password_reset',
        data: { name: '山田 花子', url, expiresInMinutes: 60 },
      })
    } finally {
      await db.$disconnect()
    }
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://localhost:${appPort()}`
    await page.goto(`${base}/hq/login`)
    await signIn(page, 'hq@omotenasu.example')
    await page.waitForURL(`${base}/hq/dashboard`)
    await page.getByRole('link', { name: 'メール送信箱' }).click()
    await page.waitForURL(`${base}/hq/outbox`)
    await hydrated(page)
    await page.locator('input[data-testid=outbox-filter], [data-testid=outbox-filter] input').fill(to)
    await expect.poll(() => page.getByTestId('outbox-table').textContent()).toContain(to)
    await page.getByTestId('outbox-table').getByText(to).click()
    await expect.poll(() => page.getByTestId('outbox-message').textContent()).toContain(url)
    await page.screenshot({ path: `${shots}/hq-outbox.png` })
    await context.close()
  })

  it(`HQ invites a person to an agent; the person sets a password from the mailed link and lands in the agent \
portal`, async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const base = `http://localhost:${appPort()}`
    await page.goto(`${base}/hq/login`)
    await signIn(page, 'hq@omotenasu.example')
    await page.waitForURL(`${base}/hq/dashboard`)
    await page.goto(`${base}/hq/agents`)
    await hydrated(page)
    const hqApi = new Client(rootHost())
    await hqApi.signIn('hq@omotenasu.example', 'hq')
    const fresh = (
      await hqApi.post('/api/v1/hq/agents', {
        companyName: `北海道セールス ${randomUUID().slice(0, 4)}`,
        contactName: '北 太郎',
        email: `${randomUUID().slice(0, 6)}@hokkaido-sales.example`,
      })
    ).body
    await page.reload()
    await hydrated(page)
    await page.getByTestId(`agent-actions-${fresh.id}`).click()
    await page.getByRole('menuitem', { name: 'ユーザーを招待' }).click()
    const email = `${randomUUID().slice(0, 8)}@hokkaido-sales.example`
    await page.locator('input[data-testid=agent-user-name], [data-testid=agent-user-name] input').fill('金 次郎')
    await page.locator('input[data-testid=agent-user-email], [data-testid=agent-user-email] input').fill(email)
    const since = new Date()
    await page.getByTestId('agent-user-submit').click()
    await page.screenshot({ path: `${shots}/hq-agent-invite.png` })
    const maildb = e2eDb()
    const link = linkIn(await lastMail(maildb, email, 'agent_invitation', since), '/agent/invite').url.toString()
    await maildb.$disconnect()

    const person = await (
      await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    ).newPage()
    await person.goto(link)
    await hydrated(person)
    await expect.poll(() => person.getByTestId('invite-target').textContent()).toContain('北海道セールス')
    await person
      .locator('input[data-testid=invite-password], [data-testid=invite-password] input')
      .fill('gold-agent-password')
    await person.screenshot({ path: `${shots}/agent-invite.png` })
    await person.getByRole('button', { name: 'パスワードを設定して参加する' }).click()
    await person.waitForURL(`${base}/agent`)
    // A new agent has no commissions yet: Nuxt UI's empty table speaks Japanese too.
    await person.goto(`${base}/agent/commissions`)
    await expect.poll(() => person.getByTestId('commission-ledger').textContent()).toContain('データがありません')
    await person.context().close()
    await context.close()
  })

  it('a hotel owner connects the hotel to its PMS in the wizard and sees the rooms board fill', async () => {
    const { startFakePms, demoProperty, FAKE_CREDENTIALS } = await import('../helpers/fake-pms')
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
    const fake = await startFakePms('cloudbeds', demoProperty('cloudbeds', today))
    const db = e2eDb()
    await db.pmsVendor.update({ where: { code: 'cloudbeds' }, data: { apiEndpoint: fake.url } })
    try {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      const base = `http://hotel-c.localhost:${appPort()}`
      await page.goto(`${base}/login`)
      await signIn(page, 'owner@hotel-c.example')
      await page.waitForURL(`${base}/`)
      await page.goto(`${base}/pms`)
      await hydrated(page)
      await page.getByTestId('pms-vendor-cloudbeds').click()
      const field = (key: string) =>
        page.locator(`input[data-testid=pms-field-${key}], [data-testid=pms-field-${key}] input`)
      await field('propertyId').fill(FAKE_CREDENTIALS.cloudbeds.propertyId)
      await field('apiKey').fill('wrong-api-key')
      await page.getByTestId('pms-connect').click()
      await expect
        .poll(() => page.getByTestId('pms-connect-error').textContent())
        .toContain('認証情報を受け付けませんでした')
      await page.screenshot({ path: `${shots}/pms-wizard-error.png`, fullPage: true })
      await field('apiKey').fill(FAKE_CREDENTIALS.cloudbeds.apiKey)
      await page.getByTestId('pms-connect').click()
      await expect.poll(() => page.getByTestId('pms-status').textContent()).toContain('接続中')
      await expect.poll(() => page.getByTestId('board-room-201').getAttribute('data-status')).toBe('occupied')
      expect(await page.getByTestId('board-room-201').textContent()).toContain('山田 花子')
      expect(await page.getByTestId('board-room-202').getAttribute('data-status')).toBe('out_of_order')
      expect(await page.getByTestId('pms-webhook').isVisible()).toBe(true)
      await page.screenshot({ path: `${shots}/pms-board-ja.png`, fullPage: true })
      // Disconnecting asks first, then brings the wizard back (and leaves the demo hotel as it was).
      await page.getByTestId('pms-disconnect').click()
      await expect.poll(() => page.getByRole('dialog').textContent()).toContain('客室は残ります')
      await page.getByTestId('confirm-submit').click()
      await expect.poll(() => page.getByTestId('pms-wizard').isVisible()).toBe(true)
      await context.close()
    } finally {
      await db.pmsVendor.update({ where: { code: 'cloudbeds' }, data: { apiEndpoint: 'https://api.cloudbeds.com' } })
      await db.$disconnect()
      await fake.close()
    }
  })

  it('anyone reads the API reference rendered from the OpenAPI document', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`http://localhost:${appPort()}/docs/api`)
    await hydrated(page)
    await expect
      .poll(() => page.getByTestId('api-tag-PMS vendor API').textContent())
      .toContain('/api/v1/pms/hotels/{hotel}/rooms')
    await page.locator('input[data-testid=api-filter], [data-testid=api-filter] input').fill('hotels/{hotel}/rooms')
    await page.getByText('/api/v1/pms/hotels/{hotel}/rooms').click()
    await expect.poll(() => page.getByTestId('api-tag-PMS vendor API').textContent()).toContain('out_of_order')
    await page.screenshot({ path: `${shots}/api-reference.png`, fullPage: true })
    await context.close()
  })
})
