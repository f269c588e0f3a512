// Screens that confirm and explain, in Chromium: staff on the rooms page change a room's status and
// are offered nothing else; an HQ money action asks first, saying what will happen; every surface on
// a phone (390×844) keeps its key columns without letter-by-letter wrapping. Screenshots land in
// SCREENS_DIR (default test-results/screens) for a person to look at.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost } from '../helpers/http'

const shots = process.env.SCREENS_DIR ?? 'test-results/screens'
const PHONE = { width: 390, height: 844 }
let browser: Browser

/** A browser context signed in as this person, in this language, at this size. */
async function signedIn(
  email: string,
  portal: 'hotel' | 'agent' | 'hq',
  host: string,
  lang: 'ja' | 'en',
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const client = new Client(host)
  await client.signIn(email, portal)
  const domain = host.split(':')[0]!
  const context = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport })
  await context.addCookies([
    { name: 'omotenasu_locale', value: lang, domain, path: '/' },
    ...[...client.cookies].map(([name, value]) => ({ name, value, domain, path: '/' })),
  ])
  return context
}

const hydrated = (page: Page) => page.waitForLoadState('networkidle')

/** Cells whose text wraps into lines of one or two characters: a column squeezed too narrow. */
function squeezedCells(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('td, th')]
      .filter((cell) => {
        const el = cell as HTMLElement
        const text = el.innerText.trim()
        if (text.length < 3 || el.offsetParent === null) return false
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20
        const lines = Math.round((el.clientHeight - 16) / lineHeight)
        return lines >= 3 && text.length / lines <= 2.5
      })
      .map((cell) => (cell as HTMLElement).innerText.trim().slice(0, 30)),
  )
}

describe.skipIf(!chromiumPath)('screens that confirm and explain (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("staff change a room's status on /rooms and are offered no delete, no add and no capacity edit", async () => {
    const db = e2eDb()
    const hotelA = await db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
    const room = await db.room.findFirstOrThrow({ where: { tenantId: hotelA.id, roomNumber: '101' } })
    for (const lang of ['ja', 'en'] as const) {
      const context = await signedIn('staff@hotel-a.example', 'hotel', hotelHost('hotel-a'), lang)
      const page = await context.newPage()
      await page.goto(`http://${hotelHost('hotel-a')}/rooms`)
      await hydrated(page)
      const table = page.getByTestId('rooms-table')
      await expect.poll(() => table.textContent()).toContain('101')
      expect(await page.getByTestId('role-note').isVisible()).toBe(true)
      expect(await page.getByTestId('add-room').count()).toBe(0)
      expect(await page.locator('[data-testid^=remove-room-]').count()).toBe(0)
      // The only control in a row is the status: no capacity (or any other) field to edit.
      expect(await table.locator('input, textarea, [data-testid^=room-capacity-]').count()).toBe(0)
      expect(await table.locator('button:not([data-testid^=room-status-])').count()).toBe(0)
      if (lang === 'ja') {
        await page.getByTestId('room-status-101').click()
        await page.getByRole('option', { name: '点検済み' }).click()
        await expect
          .poll(
            async () =>
              (await db.room.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelA.id, id: room.id } } }))
                .status,
          )
          .toBe('inspected')
        const after = await db.room.findUniqueOrThrow({ where: { tenantId_id: { tenantId: hotelA.id, id: room.id } } })
        expect(after.capacity).toBe(room.capacity) // a status change keeps every other field
        await expect.poll(() => page.getByTestId('room-status-101').textContent()).toContain('点検済み')
      }
      await page.screenshot({ path: join(shots, `hotel-rooms-as-staff-${lang}.png`), fullPage: true })
      await context.close()
    }
    await db.room.update({
      where: { tenantId_id: { tenantId: hotelA.id, id: room.id } },
      data: { status: room.status },
    })
    await db.$disconnect()
  })

  it('HQ running a job by hand asks first, saying what will happen, and nothing runs on cancel', async () => {
    const context = await signedIn('hq@omotenasu.example', 'hq', rootHost(), 'ja')
    const page = await context.newPage()
    await page.goto(`http://${rootHost()}/hq/jobs`)
    await hydrated(page)
    await page.getByTestId('run-billing').click()
    const modal = page.getByRole('dialog')
    await expect.poll(() => modal.textContent()).toContain('請求書の発行')
    expect(await modal.textContent()).toContain('二重になることはありません')
    await page.waitForTimeout(300) // the modal's open animation, for the screenshot
    await page.screenshot({ path: join(shots, 'hq-confirm-run-billing-ja.png') })
    await page.getByTestId('confirm-cancel').click()
    await expect.poll(() => modal.count()).toBe(0)
    await context.close()
  })

  it('every surface on a phone keeps its columns readable', { timeout: 240_000 }, async () => {
    const surfaces = [
      {
        who: ['owner@hotel-a.example', 'hotel', hotelHost('hotel-a')],
        pages: ['/', '/rooms', '/billing', '/staff', '/pms'],
      },
      { who: ['agent-gold@agents.example', 'agent', rootHost()], pages: ['/agent', '/agent/payouts', '/agent/sales'] },
      {
        who: ['hq@omotenasu.example', 'hq', rootHost()],
        pages: ['/hq/payouts', '/hq/plans', '/hq/settings', '/hq/jobs'],
      },
    ] as const
    const squeezed: string[] = []
    for (const { who, pages } of surfaces) {
      const [email, portal, host] = who
      const context = await signedIn(email, portal, host, 'ja', PHONE)
      const page = await context.newPage()
      for (const path of pages) {
        await page.goto(`http://${host}${path}`)
        await hydrated(page)
        const name = `phone-${portal}${path === '/' ? '-dashboard' : path.replaceAll('/', '-')}-ja.png`
        await page.screenshot({ path: join(shots, name), fullPage: true })
        if (path === '/billing') {
          await page.getByTestId('invoices-table').scrollIntoViewIfNeeded()
          await page.screenshot({ path: join(shots, 'phone-hotel-invoices-ja.png') })
        }
        for (const cell of await squeezedCells(page)) squeezed.push(`${path}: ${cell}`)
      }
      await context.close()
    }
    expect(squeezed).toEqual([])
  })
})
