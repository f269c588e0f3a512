// Lifecycle automation through the built app: its own queue workers (server/plugins/queue.ts) send
// a new hotel's onboarding mail; HQ works a task over HTTP (audited) and in Chromium; the queue's
// actions are listed for HQ.
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser'
import { e2eDb } from '../helpers/e2e-db'
import { Client, appPort, rootHost } from '../helpers/http'
import { lastMail } from '../helpers/mail'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

async function hotelA() {
  return db.tenant.findUniqueOrThrow({ where: { slug: 'hotel-a' } })
}
async function newTask(dueFor = randomUUID()) {
  const tenant = await hotelA()
  return db.hqTask.create({
    data: {
      tenantId: tenant.id,
      kind: 'churn_intervention',
      urgent: true,
      dueFor,
      reasons: [
        { factor: 'score', detail: { score: 0.82, previous: 0.4 } },
        { factor: 'failed_payments', contribution: 0.25, detail: { count: 2 } },
      ],
    },
  })
}

describe('lifecycle automation in the running app', () => {
  it("the app's workers mail a new hotel's onboarding in Japanese, right after signup", async () => {
    const email = `${randomUUID().slice(0, 8)}@lifecycle.example`
    const since = new Date()
    const res = await new Client(rootHost()).post('/api/v1/signup', {
      hotelName: '湯の宿 はじまり',
      subdomain: `e2e-${randomUUID().slice(0, 8)}`,
      ownerName: '山田 太郎',
      email,
      password: 'correct-horse-battery',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
    })
    expect(res.status).toBe(201)
    const mail = await waitForMail(email, 'lifecycle_onboarding', since)
    expect(mail.subject).toBe('【OmotenasuAI】湯の宿 はじまり 様、ご利用開始の手順のご案内')
    expect(mail.text).toContain('山田 太郎 様')
    const queued = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM pgboss.job WHERE data->>'tenantId' = $1 AND state = 'created' ORDER BY name`,
      res.body.tenant.id,
    )
    expect(queued.map((j) => j.name)).toEqual(['lifecycle.referral-invitation-mail', 'roi.first-measurement'])
  })

  it('HQ assigns, comments and closes a task over HTTP, audited; a failed action list and a bad retry', async () => {
    const task = await newTask()
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    const me = await db.user.findUniqueOrThrow({ where: { email: 'hq@omotenasu.example' } })

    const urgent = await hq.get('/api/v1/hq/tasks?filter=urgent')
    expect(urgent.status).toBe(200)
    const listed = urgent.body.find((t: { id: string }) => t.id === task.id)
    expect(listed.hotel).toMatchObject({ slug: 'hotel-a', plan: { planCode: 'LEISURE_ECONOMY' } })

    expect((await hq.post(`/api/v1/hq/tasks/${task.id}/assign`, { assigneeUserId: me.id })).status).toBe(200)
    expect((await hq.post(`/api/v1/hq/tasks/${task.id}/comments`, { body: '' })).status).toBe(400)
    expect((await hq.post(`/api/v1/hq/tasks/${task.id}/comments`, { body: '明日お電話します' })).status).toBe(201)
    expect((await hq.post(`/api/v1/hq/tasks/${task.id}/close`)).status).toBe(200)
    expect((await hq.post(`/api/v1/hq/tasks/${task.id}/close`)).status).toBe(409)
    const audit = await db.auditLog.findMany({ where: { entity: 'hq_task', entityId: task.id } })
    expect(audit.map((a) => a.action).sort()).toEqual(['assign', 'close', 'comment'])
    expect(audit.every((a) => a.actorId === me.id && a.ip)).toBe(true)

    const jobs = await hq.get('/api/v1/hq/queue-jobs')
    expect(jobs.status).toBe(200)
    expect(Array.isArray(jobs.body)).toBe(true)
    expect((await hq.post('/api/v1/hq/queue-jobs/not-a-job/retry')).status).toBe(404)
    expect((await hq.post(`/api/v1/hq/queue-jobs/${randomUUID()}/retry`)).status).toBe(404)

    const owner = new Client(`hotel-a.localhost:${appPort()}`)
    await owner.signIn('owner@hotel-a.example', 'hotel')
    expect((await owner.get('/api/v1/hq/tasks')).status).toBe(404) // HQ only, and only on the root domain
  })
})

async function waitForMail(to: string, kind: string, since: Date) {
  for (let i = 0; i < 60; i++) {
    try {
      return await lastMail(db, to, kind, since)
    } catch {
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  throw new Error(`no ${kind} mail to ${to}`)
}

describe.skipIf(!chromiumPath)('/hq/tasks in Chromium', () => {
  it('HQ opens an urgent task and reads its reasons and the hotel, in Japanese', async () => {
    const task = await newTask()
    mkdirSync('test-results', { recursive: true })
    const browser = await launchChromium()
    try {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.goto(`http://localhost:${appPort()}/hq/login`)
      await page.waitForLoadState('networkidle')
      await page.locator('input[data-testid=email], [data-testid=email] input').fill('hq@omotenasu.example')
      await page.locator('input[data-testid=password], [data-testid=password] input').fill('omotenasu-demo')
      await page.getByTestId('sign-in-submit').click()
      await page.waitForURL(/\/hq\/dashboard$/) // HQ lands on its dashboard
      await page.goto(`http://localhost:${appPort()}/hq/tasks?task=${task.id}`)
      await page.waitForLoadState('networkidle')
      await expect.poll(() => page.getByTestId('task-table').textContent()).toContain('緊急対応（解約リスク）')
      const reasons = page.getByTestId('task-reasons')
      await expect.poll(() => reasons.textContent()).toContain('支払いの失敗・遅延 2件')
      expect(await page.getByTestId('task-detail').textContent()).toContain('Leisure Economy')
      await page.screenshot({ path: 'test-results/hq-task-ja.png' })
    } finally {
      await browser.close()
    }
  })
})
