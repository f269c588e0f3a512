// Identity as people meet it in Chromium, on a phone-sized screen: a manager invites a new member
// (the link arrives by mail, never on the screen), the member joins from the link; someone who forgot
// their password resets it from the sign-in page; a person changes their password and signs out
// everywhere. Screenshots land in test-results/.
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPasswordHash } from '../../server/lib/password'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { appPort } from '../helpers/http'
import { lastMail, linkIn } from '../helpers/mail'

const shots = 'test-results'
let browser: Browser
const db = e2eDb()
const hydrated = (page: Page) => page.waitForLoadState('networkidle')
const field = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`)
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

describe.skipIf(!chromiumPath)('identity in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await db.$disconnect()
  })

  it('a manager invites a new member; the link comes by mail only; the member joins on a phone', async () => {
    const base = `http://hotel-b.localhost:${appPort()}`
    const manager = await (
      await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
    ).newPage()
    await manager.goto(`${base}/login`)
    await hydrated(manager)
    await field(manager, 'email').fill('manager@hotel-b.example')
    await field(manager, 'password').fill('omotenasu-demo')
    await manager.getByTestId('sign-in-submit').click()
    await manager.waitForURL(`${base}/`)
    await manager.goto(`${base}/staff`)
    await hydrated(manager)
    const email = `newcomer-${randomUUID().slice(0, 6)}@hotel-b.example`
    const since = new Date()
    await manager.getByTestId('invite-open').click()
    await manager.getByRole('dialog').locator('input').nth(0).fill('新人 花子')
    await manager.getByRole('dialog').locator('input[type=email]').fill(email)
    await manager.getByRole('dialog').getByRole('button', { name: '招待する' }).click()
    await expect.poll(() => manager.getByTestId('invitations-table').textContent()).toContain(email)
    expect(await manager.content()).not.toContain('token=')
    await manager.screenshot({ path: `${shots}/staff-invited-ja.png` })

    const { url } = linkIn(await lastMail(db, email, 'hotel_invitation', since), '/invite')
    const person = await (await browser.newContext({ locale: 'ja-JP', ...phone })).newPage()
    await person.goto(url.toString())
    await hydrated(person)
    await expect.poll(() => person.getByTestId('invite-target').textContent()).toContain('ホテル京都ガーデン')
    await field(person, 'invite-password').fill('hanako-password-1')
    await person.screenshot({ path: `${shots}/invite-accept-phone-ja.png` })
    await person.getByTestId('invite-submit').click()
    await person.waitForURL(`${base}/`)
    await expect.poll(async () => await db.tenantMembership.count({ where: { user: { email } } })).toBe(1)
    await person.context().close()
    await manager.context().close()
  })

  it('a person who forgot the password resets it from the sign-in page, in English', async () => {
    const email = `forgetful-${randomUUID().slice(0, 6)}@test.example`
    await db.user.create({
      data: {
        email,
        name: 'Forgetful',
        passwordHash: await createPasswordHash('lost-password-1'),
        locale: 'en',
        memberships: {
          create: { tenantId: (await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })).id, role: 'staff' },
        },
      },
    })
    const base = `http://hotel-a.localhost:${appPort()}`
    const context = await browser.newContext({ locale: 'en-US', ...phone })
    await context.addCookies([{ name: 'omotenasu_locale', value: 'en', url: base }])
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await hydrated(page)
    await page.getByTestId('forgot-password').click()
    await page.waitForURL(`${base}/forgot-password`)
    await hydrated(page)
    const since = new Date()
    await field(page, 'reset-email').fill(email)
    await page.getByTestId('reset-submit').click()
    await expect.poll(() => page.getByTestId('reset-sent').textContent()).toContain('If an account uses this address')
    await page.screenshot({ path: `${shots}/forgot-password-phone-en.png` })

    const mail = await lastMail(db, email, 'password_reset', since)
    expect(mail.subject).toMatch(/password/i) // the recipient's language is English
    await page.goto(linkIn(mail, '/reset-password').url.toString())
    await hydrated(page)
    await field(page, 'reset-password').fill('found-password-1')
    await page.getByTestId('reset-confirm').click()
    await page.getByTestId('reset-done').waitFor()
    await page.screenshot({ path: `${shots}/reset-done-phone-en.png` })
    await page.goto(`${base}/login`)
    await hydrated(page)
    await field(page, 'email').fill(email)
    await field(page, 'password').fill('found-password-1')
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(`${base}/`)
    await context.close()
  })

  it('a person changes the password and signs out everywhere, asked first', async () => {
    const email = `careful-${randomUUID().slice(0, 6)}@test.example`
    await db.user.create({
      data: {
        email,
        name: 'Careful',
        passwordHash: await createPasswordHash('careful-password-1'),
        agentId: (await db.agent.findFirstOrThrow({ where: { companyName: 'Kansai Hospitality Partners' } })).id,
      },
    })
    const base = `http://localhost:${appPort()}`
    const page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(`${base}/agent/login`)
    await hydrated(page)
    await field(page, 'email').fill(email)
    await field(page, 'password').fill('careful-password-1')
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(`${base}/agent`)
    await page.getByTestId('account-link').click()
    await page.waitForURL(`${base}/agent/account`)
    await hydrated(page)
    await field(page, 'current-password').fill('careful-password-1')
    await field(page, 'new-password').fill('careful-password-2')
    const before = (await db.user.findUniqueOrThrow({ where: { email } })).passwordHash
    await page.getByTestId('password-change-submit').click()
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).not.toBe(before)
    await expect.poll(() => page.getByText('パスワードを変更しました').count()).toBeGreaterThan(0)
    await page.getByTestId('sign-out-everywhere').click()
    await page.screenshot({ path: `${shots}/sign-out-everywhere-confirm-ja.png` })
    await page.getByTestId('sign-out-everywhere-confirm').click()
    await page.waitForURL(`${base}/agent/login`)
    await page.context().close()
  })
})
