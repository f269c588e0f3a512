// PostgreSQL stopped under load, then started again. While it is away, /api/health says so (503,
// database: down) and every request answers at once with 503 `database_unavailable`, Retry-After and
// a message in the caller's language: never a 500, never a hang, never a signed-out session. The app
// process stays up and serves again by itself once the database is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { e2eDb } from '../helpers/e2e-db'
import { Client, hotelHost, rootHost, type Reply } from '../helpers/http'
import { control, reportFigures, sleep } from './harness'

const figures = { requests: 0, faults: 0, rows: 0, lost: 0 }
const HANG_MS = 10_000
const MESSAGES = {
  ja: 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください。',
  en: 'The database is temporarily unavailable. Please try again in a few moments.',
}

type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'recovered'
interface Outcome {
  phase: Phase
  what: string
  lang: 'ja' | 'en'
  status: number | 'hung' | 'error'
  code?: string
  message?: string
  retryAfter?: string
  database?: string
  text?: string
  ms: number
}

let hotel: Client
let hq: Client
beforeAll(async () => {
  hotel = new Client(hotelHost('hotel-a'))
  await hotel.signIn('owner@hotel-a.example', 'hotel')
  hq = new Client(rootHost())
  await hq.signIn('hq@omotenasu.example', 'hq')
})
const db = e2eDb()
afterAll(async () => {
  reportFigures('PostgreSQL stopped under load', figures)
  await db.$disconnect()
})

function timed(send: () => Promise<Reply>): Promise<Omit<Outcome, 'phase' | 'what' | 'lang'>> {
  const started = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), HANG_MS)))
  return Promise.race([send(), hung])
    .then(
      (reply) => {
        const ms = Math.round(performance.now() - started)
        if (reply === 'hung') return { status: 'hung' as const, ms }
        const body = reply.body as { code?: string; message?: string; database?: { status?: string } }
        return {
          status: reply.status,
          code: body?.code,
          message: body?.message,
          database: body?.database?.status,
          retryAfter: reply.headers['retry-after'] as string | undefined,
          text: reply.text,
          ms,
        }
      },
      () => ({ status: 'error' as const, ms: Math.round(performance.now() - started) }),
    )
    .finally(() => clearTimeout(timer))
}

describe('PostgreSQL stopped under load', () => {
  it('health says down, requests get 503 database_unavailable at once, the app recovers by itself', async () => {
    const before = await control<{ pid: number; running: boolean; unhandled: number }>('/app/status')
    expect((await hotel.get('/api/v1/tenant/rooms')).status).toBe(200)

    let phase: Phase = 'up'
    let running = true
    const outcomes: Outcome[] = []
    const requests: { what: string; lang: 'ja' | 'en'; send: () => Promise<Reply> }[] = [
      {
        what: 'hotel rooms',
        lang: 'ja',
        send: () => hotel.get('/api/v1/tenant/rooms', { headers: { 'accept-language': 'ja' } }),
      },
      {
        what: 'HQ tenants',
        lang: 'en',
        send: () => hq.get('/api/v1/hq/tenants', { headers: { 'accept-language': 'en' } }),
      },
      {
        what: 'settings write',
        lang: 'ja', // the owner's language cookie (set at sign-in) wins over Accept-Language
        send: () =>
          hotel.put(
            '/api/v1/tenant/settings',
            { staffHourlyCost: 1_800, minutesSavedPerConversation: 6, notificationEmails: [], timeZone: 'Asia/Tokyo' },
            { headers: { 'accept-language': 'en' } },
          ),
      },
      { what: 'health', lang: 'en', send: () => new Client(rootHost()).get('/api/health') },
      { what: 'dashboard page', lang: 'ja', send: () => hotel.get('/', { headers: { accept: 'text/html' } }) },
    ]
    const worker = async (i: number) => {
      for (let n = i; running; n++) {
        const r = requests[n % requests.length]!
        const at = phase
        outcomes.push({ phase: at, what: r.what, lang: r.lang, ...(await timed(r.send)) })
        await sleep(50)
      }
    }
    const workers = Array.from({ length: 6 }, (_, i) => worker(i))

    await sleep(1_500)
    phase = 'stopping'
    await control('/pg/stop')
    figures.faults++
    phase = 'down'
    await sleep(5_000)
    phase = 'starting'
    const startedAt = performance.now()
    await control('/pg/start')
    // Back to normal: every kind of request answers 200 again, without restarting the app.
    let recoveredMs = -1
    for (const deadline = performance.now() + 30_000; performance.now() < deadline;) {
      const all = await Promise.all(requests.map((r) => timed(r.send)))
      figures.requests += all.length
      if (all.every((o) => o.status === 200 || o.status === 201)) {
        recoveredMs = Math.round(performance.now() - startedAt)
        break
      }
      await sleep(250)
    }
    phase = 'recovered'
    await sleep(1_000)
    running = false
    await Promise.all(workers)
    figures.requests += outcomes.length

    const after = await control<{ pid: number; running: boolean; unhandled: number }>('/app/status')
    expect(after, 'the app stayed up, with no unhandled rejection').toEqual({ ...before, running: true })
    expect(recoveredMs, 'recovered within 30 s of PostgreSQL starting').toBeGreaterThanOrEqual(0)

    const bad = outcomes.filter((o) => o.status === 'hung' || o.status === 'error' || (o.status as number) >= 500)
    const unexpected = bad.filter((o) => o.status !== 503)
    expect(
      unexpected.map(({ text: _, ...o }) => o),
      'no 500, no hang, no dropped connection at any time',
    ).toEqual([])
    const down = outcomes.filter((o) => o.phase === 'down')
    expect(down.length).toBeGreaterThan(20)
    for (const o of down) {
      expect(o.status, `${o.what} while the database is down`).toBe(503)
      expect(o.ms, `${o.what} answered at once`).toBeLessThan(6_000)
      if (o.what === 'health') expect(o.database).toBe('down')
      else if (o.what === 'dashboard page')
        expect(o.text).toContain(MESSAGES.ja) // the error page, not sign-in
      else {
        expect(o).toMatchObject({ code: 'database_unavailable', message: MESSAGES[o.lang], retryAfter: '5' })
      }
    }
    const recovered = outcomes.filter((o) => o.phase === 'recovered')
    expect(recovered.length).toBeGreaterThan(0)
    expect(recovered.every((o) => o.status === 200 || o.status === 201)).toBe(true)
    expect((await hotel.get('/api/v1/tenant/rooms')).status, 'the session survived the outage').toBe(200)

    figures.rows += outcomes.length
    figures.lost += unexpected.length
    console.log(
      `[outage] ${down.length} answers while down (max ${Math.max(...down.map((o) => o.ms))} ms), ` +
        `recovered ${recoveredMs} ms after PostgreSQL started`,
    )
  })

  it('the durable queue works again after the outage: a signup made now gets its onboarding mail', async () => {
    const email = `${randomUUID().slice(0, 8)}@outage.example`
    const since = new Date()
    figures.requests++
    const signup = await new Client(rootHost()).post('/api/v1/signup', {
      hotelName: '復旧テスト旅館',
      subdomain: `outage-${randomUUID().slice(0, 8)}`,
      ownerName: '復旧 花子',
      email,
      password: 'correct-horse-battery',
      planCode: 'LEISURE_ECONOMY',
      billingCycle: 'monthly',
      rooms: 10,
    })
    expect(signup.status).toBe(201)
    // pg-boss's workers lost their connections with the database; they poll again by themselves.
    let mails = 0
    for (let i = 0; i < 60 && !mails; i++) {
      mails = await db.mailMessage.count({
        where: { toAddress: email, kind: 'lifecycle_onboarding', createdAt: { gte: since } },
      })
      if (!mails) await sleep(500)
    }
    figures.rows++
    figures.lost += mails === 1 ? 0 : 1
    expect(mails, 'the onboarding action ran once').toBe(1)
  })
})
