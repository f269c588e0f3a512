// Input limits over HTTP against the built app: bodies refused before they are read (413), NUL
// bytes, malformed URLs, duplicated query keys, wrong content types (400), Stripe webhook without
// its secret (503), and the Origin check on every cookie-authenticated mutation (403).
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'
import type { Json } from '../helpers/json'

const rssKb = () => Number(readFileSync(`/proc/${process.env.TEST_APP_PID}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1])

/** Streams `total` bytes as a chunked body (no Content-Length); resolves with the answer. */
function chunkedPost(path: string, host: string, total: number): Promise<{ status: number; body: Json; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = request(
      {
        host: '127.0.0.1',
        port: appPort(),
        method: 'POST',
        path,
        headers: { host, 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'accept-language': 'en' },
      },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        res
          .on('data', (c) => chunks.push(c))
          .on('end', () => {
            req.destroy()
            resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), sent })
          })
      },
    )
    req.on('error', (e) => {
      if (!answered) reject(e)
    })
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

describe('body size limits', () => {
  it("refuses an oversize Content-Length before reading: 413 in the request's language", async () => {
    const c = new Client(rootHost())
    const big = 'x'.repeat(1024 * 1024 + 10)
    const ja = await c.post('/api/v1/auth/sign-in', undefined, { rawBody: big })
    expect(ja.status).toBe(413)
    expect(ja.body).toMatchObject({ statusCode: 413, code: 'body_too_large' })
    expect(ja.body.message).toMatch(/大きすぎます/)
    const en = await c.post('/api/v1/auth/sign-in', undefined, { rawBody: big, headers: { 'accept-language': 'en' } })
    expect(en.body.message).toMatch(/too large \(at most 1 MB\)/)
  })

  it("a 100 MB chunked sign-in body is cut off at the limit without the server's memory growing", async () => {
    const before = rssKb()
    const reply = await chunkedPost('/api/v1/auth/sign-in', rootHost(), 100 * 1024 * 1024)
    expect(reply.status).toBe(413)
    expect(reply.body.code).toBe('body_too_large')
    expect(rssKb() - before).toBeLessThan(50 * 1024) // the whole body read would be > 100 MB
  })

  it(`webhooks take 256 KB at most; a body under the limit still reaches the route (read once, handed \
on)`, async () => {
    const c = new Client(rootHost())
    expect(
      (await c.post('/api/webhooks/pms/mews?secret=nope', undefined, { rawBody: 'x'.repeat(300 * 1024) })).status,
    ).toBe(413)
    const small = await c.post('/api/webhooks/pms/mews?secret=nope', { Events: [] })
    expect(small.status).toBeGreaterThanOrEqual(400)
    expect(small.status).toBeLessThan(500)
    expect(small.status).not.toBe(413)
  })

  it('a chunked JSON body under the limit is read by the route as usual', async () => {
    const c = new Client(rootHost())
    const reply = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: appPort(),
          method: 'POST',
          path: '/api/v1/auth/sign-in',
          headers: { host: rootHost(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode!)
        },
      )
      req.on('error', reject)
      req.write('{"email":"hq@omotenasu.example",')
      req.end('"password":"omotenasu-demo","portal":"hq"}')
    })
    expect(reply).toBe(200)
    void c
  })
})

describe('bad input is a 400, never a 500', () => {
  let owner: Client
  let hq: Client
  beforeAll(async () => {
    owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
  })

  it('NUL bytes in a path id, a query value, a JSON body', async () => {
    const path = await owner.patch('/api/v1/tenant/rooms/a%00b', { roomNumber: '1' })
    expect(path).toMatchObject({ status: 400, body: { code: 'nul_byte' } })
    const query = await new Client(rootHost()).get('/api/v1/referrals/check?code=A%00B')
    expect(query).toMatchObject({ status: 400, body: { code: 'nul_byte' } })
    const body = await owner.post('/api/v1/tenant/rooms', { roomNumber: 'R\u00001', capacity: 2 })
    expect(body).toMatchObject({ status: 400, body: { code: 'nul_byte' } })
    const webhook = await new Client(rootHost()).post('/api/webhooks/pms/mews?secret=x', { a: 'x\u0000' })
    expect(webhook).toMatchObject({ status: 400, body: { code: 'nul_byte' } })
  })

  it('an invalid percent-encoding in the path', async () => {
    const reply = await owner.get('/api/v1/tenant/rooms/%E0%A4%A')
    expect(reply).toMatchObject({ status: 400, body: { code: 'malformed_url' } })
  })

  it('a malformed vendor API endpoint URL on the HQ PMS-vendor routes', async () => {
    const vendors = (await hq.get('/api/v1/hq/pms-vendors')).body as { id: string; code: string }[]
    const mews = vendors.find((v) => v.code === 'mews')!
    for (const apiEndpoint of ['not a url', 'https://', 'http://[::1', '://x']) {
      const reply = await hq.patch(`/api/v1/hq/pms-vendors/${mews.id}`, { apiEndpoint })
      expect(reply.status, apiEndpoint).toBe(400)
    }
  })

  it('a duplicated secret on the PMS webhook', async () => {
    const reply = await new Client(rootHost()).post('/api/webhooks/pms/mews?secret=a&secret=b', { Events: [] })
    expect(reply).toMatchObject({ status: 400, body: { code: 'duplicate_query_key', data: { field: 'secret' } } })
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    '%s where JSON is expected',
    async (type) => {
      const body = type.startsWith('application/x')
        ? 'email=hq%40omotenasu.example&password=omotenasu-demo&portal=hq'
        : '{"email":"hq@omotenasu.example","password":"omotenasu-demo","portal":"hq"}'
      const reply = await new Client(rootHost()).post('/api/v1/auth/sign-in', undefined, {
        rawBody: body,
        headers: { 'content-type': type },
      })
      expect(reply).toMatchObject({ status: 400, body: { code: 'unsupported_content_type' } })
    },
  )
})

describe('Stripe webhook without STRIPE_WEBHOOK_SECRET', () => {
  let app: ReturnType<typeof spawn> | undefined
  let port = 0
  beforeAll(async () => {
    port = await new Promise<number>((r) => {
      const s = createServer().listen(0, () => {
        const p = (s.address() as { port: number }).port
        s.close(() => r(p))
      })
    })
    const { STRIPE_WEBHOOK_SECRET: _, ...env } = process.env
    app = spawn(process.execPath, [join(process.cwd(), '.output', 'server', 'index.mjs')], {
      stdio: 'ignore',
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        DATABASE_APP_URL: process.env.TEST_DATABASE_APP_URL,
        DATABASE_PRIVILEGED_URL: process.env.TEST_DATABASE_PRIVILEGED_URL,
        NUXT_SESSION_PASSWORD: process.env.TEST_SESSION_PASSWORD,
        NUXT_PUBLIC_APP_DOMAIN: 'localhost',
      },
    })
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error('the second app did not start')
  })
  afterAll(() => {
    app?.kill('SIGTERM')
  })

  it('answers 503 with the API error shape', async () => {
    const reply = await fetch(`http://127.0.0.1:${port}/api/webhooks/stripe`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    })
    expect(reply.status).toBe(503)
    expect(await reply.json()).toMatchObject({ statusCode: 503, code: 'stripe_webhook_unconfigured' })
  })
})

describe('the Origin check covers every cookie-authenticated mutation', () => {
  // The routes come from the file system, so a new route cannot slip past this test.
  const apiDir = join(process.cwd(), 'server', 'api')
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    )
  })(apiDir)
  const mutations = files
    .map((f) => relative(apiDir, f).match(/^(.*?)\.(post|put|patch|delete)\.ts$/))
    .filter((m): m is RegExpMatchArray => Boolean(m))
    .map((m) => ({
      method: m[2]!.toUpperCase(),
      path: `/api/${m[1]!.replace(/\/index$/, '').replace(/\[(\w+)\]/g, 'x')}`,
    }))
    .filter((r) => !r.path.startsWith('/api/webhooks/'))

  let hotelCookie = ''
  let hqCookie = ''
  beforeAll(async () => {
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    hotelCookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const hq = new Client(rootHost())
    await hq.signIn('hq@omotenasu.example', 'hq')
    hqCookie = [...hq.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  })

  it('finds the mutating routes, /api/v1/pms/integration among them', () => {
    expect(mutations.length).toBeGreaterThan(30)
    expect(mutations).toContainEqual({ method: 'POST', path: '/api/v1/pms/integration/x' })
  })

  it('every mutating route that is not a webhook, with a cookie and a cross-site Origin, is 403', async () => {
    const refused: string[] = []
    for (const route of mutations) {
      for (const [host, cookie] of [
        [hotelHost('hotel-a'), hotelCookie],
        [rootHost(), hqCookie],
      ] as const) {
        const c = new Client(host)
        // Content-Length given: Node's client sends a DELETE body unframed otherwise.
        const reply = await c.call(route.method, route.path, {
          rawBody: '{}',
          headers: { cookie, origin: 'https://evil.example', 'content-length': '2' },
        })
        if (reply.status !== 403 || reply.body?.code !== 'cross_site_request')
          refused.push(`${route.method} ${route.path} on ${host}: ${reply.status} ${reply.text.slice(0, 120)}`)
      }
    }
    expect(refused).toEqual([])
  })
})
