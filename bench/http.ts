// npm run bench — HTTP under load (issue 14, benchmarks 2 and 7) against the built server
// (.output, or BENCH_OUTPUT=<dir> to measure another build) on a fresh, seeded database. Every case
// is printed beside the bare route (GET /api/bench/bare, constant JSON) measured in the same run:
//  - saturation: closed loop, 10 connections, BENCH_DURATION seconds (default 10; BENCH_QUICK=1: 3);
//  - a fixed rate (BENCH_RATE, default 500 requests/s, 32 connections) for BENCH_RATE_DURATION seconds (default 10;
//    the 30 s with BENCH_RATE_DURATION=30);
//  - overload: 2× the tenant read's saturation rate from 200 connections: 503s shed, peak RSS;
//  - bytes of the hotel dashboard's HTML and JavaScript, plain and as served with gzip / brotli.
// BENCH_PROFILE=1 also runs the server with --cpu-prof while the SSR page is driven and prints where
// its CPU goes. Figures go to bench/results.json (section "http").
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { root } from '../scripts/lib/database.ts'
import { freePort } from '../scripts/lib/embedded-postgres.ts'
import { runCliSync } from '../scripts/lib/bin.ts'
import { buildIsCurrent } from '../scripts/lib/build.ts'
import { useDemoSellerUnlessConfigured } from '../scripts/lib/seller.ts'
import { recordResults, withBenchDatabase } from './lib.ts'
import { summarizeCpuProfile } from './profile.ts'
import { call, signIn, startServer, waitForHealth } from './server.ts'

const QUICK = process.env.BENCH_QUICK === '1'
const DURATION = Number(process.env.BENCH_DURATION || (QUICK ? 3 : 10))
const RATE = Number(process.env.BENCH_RATE || 500)
const RATE_DURATION = Number(process.env.BENCH_RATE_DURATION || (QUICK ? 3 : 10))
const PROFILE = process.env.BENCH_PROFILE === '1'
// Below the in-flight cap (40 by default), so that fixed-rate figures measure service, not shedding.
const FIXED_CONNECTIONS = 32
const OUTPUT = process.env.BENCH_OUTPUT || join(root, '.output')

interface Case {
  name: string
  method?: 'GET' | 'PATCH'
  path: string
  headers: Record<string, string>
  body?: () => string
}

interface Figure {
  reqPerSec: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  shed503: number
}

async function drive(port: number, c: Case, options: { connections: number; duration: number; rate?: number }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ method: c.method ?? 'GET', path: c.path, headers: c.headers, ...(c.body ? { body: c.body() } : {}) }],
  })
  const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    shed503: codes['503']?.count ?? 0,
  } satisfies Figure
}

/** Peak resident set of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)
  return line ? Math.round(Number(line[1]) / 1024) : NaN
}

const pad = (s: string | number, n: number) => String(s).padStart(n)
function printRows(title: string, rows: { name: string; f: Figure; base: Figure }[]) {
  console.log(`\n${title}`)
  console.log(
    `${'case'.padEnd(46)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}` +
      `${pad('non-2xx', 8)}${pad('ratio', 8)}`,
  )
  for (const { name, f, base } of rows)
    console.log(
      `${name.padEnd(46)}${pad(f.reqPerSec, 8)}${pad(f.p50, 8)}${pad(f.p99, 8)}${pad(f.errors, 8)}` +
        `${pad(f.non2xx, 8)}${pad((f.reqPerSec / base.reqPerSec).toFixed(2), 8)}`,
    )
}

async function bytesOfDashboard(port: number, headers: Record<string, string>) {
  const page = await call(port, 'GET', '/', { ...headers, accept: 'text/html' })
  const html = page.body
  const scripts = [...html.toString().matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/_nuxt\/[^"]+\.js)"/g)].map(
    (m) => m[1]!,
  )
  const served = async (path: string, encoding: string, extra: Record<string, string> = {}) => {
    const r = await call(port, 'GET', path, { ...headers, ...extra, 'accept-encoding': encoding })
    return { bytes: r.body.length, encoding: String(r.headers['content-encoding'] ?? 'identity') }
  }
  const sum = async (encoding: string) => {
    let bytes = 0
    const encodings = new Set<string>()
    for (const s of new Set(scripts)) {
      const r = await served(s, encoding)
      bytes += r.bytes
      encodings.add(r.encoding)
    }
    return { bytes, encodings: [...encodings].join(',') }
  }
  const htmlPlain = await served('/', 'identity', { accept: 'text/html' })
  const htmlGzip = await served('/', 'gzip', { accept: 'text/html' })
  const htmlBr = await served('/', 'br', { accept: 'text/html' })
  const jsPlain = await sum('identity')
  const jsGzip = await sum('gzip')
  const jsBr = await sum('br')
  const rawJs = jsPlain.bytes
  return {
    scripts: new Set(scripts).size,
    html: { identity: htmlPlain, gzip: htmlGzip, br: htmlBr, gzipIfCompressedHere: gzipSync(html).length },
    js: { identity: jsPlain, gzip: jsGzip, br: jsBr },
    note: `the HTML compressed by this bench for reference: gzip ${gzipSync(html).length} B, br ${
      brotliCompressSync(html).length
    } B; JS plain ${rawJs} B`,
  }
}

/** Stops the profiled server (--cpu-prof writes its file on a clean exit) and prints where its CPU went. */
async function finishProfile(app: ChildProcess, dir: string) {
  app.kill('SIGINT')
  await new Promise((r) => app.once('exit', r))
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no .cpuprofile in ${dir}`)
  const profile = summarizeCpuProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')))
  console.log(`\nCPU profile of the server (${join(dir, file)}), ${profile.samples} samples, self time by package:`)
  for (const p of profile.byPackage.slice(0, 12)) console.log(`  ${pad(p.percent.toFixed(1), 5)}%  ${p.name}`)
  console.log('Top functions by self time:')
  for (const p of profile.byFunction.slice(0, 20)) console.log(`  ${pad(p.percent.toFixed(1), 5)}%  ${p.name}`)
  recordResults('httpProfile', {
    byPackage: profile.byPackage.slice(0, 12),
    byFunction: profile.byFunction.slice(0, 20),
  })
}

async function main() {
  useDemoSellerUnlessConfigured() // the seed and the app issue invoices as the demo seller
  if (!process.env.BENCH_OUTPUT && !process.env.SKIP_BUILD && !buildIsCurrent()) {
    console.log('[bench] building the app (nuxt build)…')
    const build = runCliSync('nuxt', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (build.status !== 0) throw new Error('nuxt build failed')
  }
  await withBenchDatabase(async (owner) => {
    const urls = databaseUrls({ DATABASE_URL: owner, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const seeder = createPrismaClient(urls.privileged, { max: 2 })
    await seedDemoData(seeder)
    await seeder.$disconnect()

    const port = await freePort()
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'omotenasu-cpuprof-')) : undefined
    const app = startServer(OUTPUT, port, urls, {
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    })
    try {
      await waitForHealth(port, app)
      const hotel = `hotel-a.localhost:${port}`
      const rootHost = `localhost:${port}`
      const owner = await signIn(port, hotel, 'owner@hotel-a.example', 'hotel')
      const agent = await signIn(port, rootHost, 'agent-gold@agents.example', 'agent')
      const hq = await signIn(port, rootHost, 'hq@omotenasu.example', 'hq')
      const json = { accept: 'application/json' }
      const ownerHeaders = { host: hotel, cookie: owner, ...json }
      const rooms = JSON.parse(
        (await call(port, 'GET', '/api/v1/tenant/rooms', ownerHeaders)).body.toString(),
      ) as unknown as { id: string }[] | { items?: { id: string }[]; rooms?: { id: string }[] }
      const list = Array.isArray(rooms) ? rooms : (rooms.items ?? rooms.rooms ?? [])
      const roomId = list[0]?.id
      if (!roomId) throw new Error('no room in the seeded hotel')
      let flip = 0
      const cases: Case[] = [
        { name: 'tenant read GET /api/v1/tenant/rooms', path: '/api/v1/tenant/rooms', headers: ownerHeaders },
        {
          name: 'tenant write PATCH /api/v1/tenant/rooms/{id}',
          method: 'PATCH',
          path: `/api/v1/tenant/rooms/${roomId}`,
          headers: { ...ownerHeaders, origin: `http://${hotel}`, 'content-type': 'application/json' },
          body: () => JSON.stringify({ status: flip++ % 2 ? 'clean' : 'dirty' }),
        },
        {
          name: 'agent dashboard GET /api/v1/agent/dashboard',
          path: '/api/v1/agent/dashboard',
          headers: { host: rootHost, cookie: agent, ...json },
        },
        {
          name: 'HQ list GET /api/v1/hq/tenants',
          path: '/api/v1/hq/tenants',
          headers: { host: rootHost, cookie: hq, ...json },
        },
        {
          name: 'SSR hotel dashboard GET / (text/html)',
          path: '/',
          headers: { host: hotel, cookie: owner, accept: 'text/html' },
        },
      ]
      for (const c of cases) {
        const r = await call(port, c.method ?? 'GET', c.path, c.headers, c.body?.())
        if (r.status !== 200) throw new Error(`${c.name}: ${r.status} ${r.body.toString().slice(0, 200)}`)
      }
      const bare: Case = {
        name: 'bare route GET /api/bench/bare',
        path: '/api/bench/bare',
        headers: { host: rootHost },
      }
      await drive(port, bare, { connections: 10, duration: 2 }) // warm-up
      for (const c of cases) await drive(port, c, { connections: 4, duration: 1 })
      if (PROFILE) {
        // Only the SSR page, so that the profile is the page's.
        const ssr = cases.find((c) => c.path === '/')!
        const f = await drive(port, ssr, { connections: 10, duration: DURATION })
        console.log(`${ssr.name}: ${f.reqPerSec} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms (under --cpu-prof)`)
        return finishProfile(app, profileDir!)
      }

      // Saturation: the bare route is measured between cases too, and each case is compared with
      // the bare figure nearest to it, so drift of the shared machine falls on both.
      const saturation: { name: string; f: Figure; base: Figure }[] = []
      let base = await drive(port, bare, { connections: 10, duration: DURATION })
      saturation.push({ name: bare.name, f: base, base })
      for (const c of cases) {
        const f = await drive(port, c, { connections: 10, duration: DURATION })
        saturation.push({ name: c.name, f, base })
        base = await drive(port, bare, { connections: 10, duration: DURATION })
        saturation.push({ name: `  ${bare.name} (again)`, f: base, base: saturation[0]!.f })
      }
      printRows(`Saturation: closed loop, 10 connections, ${DURATION} s each (ratio to the bare route)`, saturation)

      const fixed: { name: string; f: Figure; base: Figure }[] = []
      const bareFixed = await drive(port, bare, { connections: FIXED_CONNECTIONS, duration: RATE_DURATION, rate: RATE })
      fixed.push({ name: bare.name, f: bareFixed, base: bareFixed })
      for (const c of cases.slice(0, 4))
        fixed.push({
          name: c.name,
          f: await drive(port, c, { connections: FIXED_CONNECTIONS, duration: RATE_DURATION, rate: RATE }),
          base: bareFixed,
        })
      printRows(`Fixed rate: ${RATE} requests/s from ${FIXED_CONNECTIONS} connections, ${RATE_DURATION} s each`, fixed)

      // Overload: twice what the tenant read sustains, from 200 connections.
      const readSat = saturation.find((r) => r.name === cases[0]!.name)!.f.reqPerSec
      const rssBefore = peakRssMb(app.pid!)
      const overload = await drive(port, cases[0]!, {
        connections: 200,
        duration: DURATION,
        rate: Math.max(100, readSat * 2),
      })
      const rssPeak = peakRssMb(app.pid!)
      const health = await call(port, 'GET', '/api/health', { host: rootHost })
      console.log(
        `\nOverload: tenant read at ${readSat * 2} requests/s (2× its saturation) from 200 connections, ` +
          `${DURATION} s: ${overload.reqPerSec} answered/s, ${overload.shed503} shed with 503, ` +
          `${overload.errors} socket errors/timeouts, p99 ${overload.p99} ms; peak RSS ${rssBefore} MB before, ` +
          `${rssPeak} MB after (${(rssPeak / rssBefore).toFixed(2)}×); /api/health during: ${health.status}`,
      )

      const bytes = await bytesOfDashboard(port, { host: hotel, cookie: owner })
      console.log(
        `\nHotel dashboard bytes: HTML ${bytes.html.identity.bytes} B plain, ${bytes.html.gzip.bytes} B served to ` +
          `gzip (${bytes.html.gzip.encoding}), ${bytes.html.br.bytes} B to br (${bytes.html.br.encoding}); ` +
          `JS (${bytes.scripts} files) ${bytes.js.identity.bytes} B plain, ${bytes.js.gzip.bytes} B to gzip ` +
          `(${bytes.js.gzip.encodings}), ${bytes.js.br.bytes} B to br (${bytes.js.br.encodings})`,
      )

      recordResults(process.env.BENCH_LABEL ? `http (${process.env.BENCH_LABEL})` : 'http', {
        output: OUTPUT,
        durationSeconds: DURATION,
        saturation: saturation.map(({ name, f, base }) => ({
          name,
          ...f,
          ratio: +(f.reqPerSec / base.reqPerSec).toFixed(3),
        })),
        fixedRate: {
          rate: RATE,
          seconds: RATE_DURATION,
          rows: fixed.map(({ name, f, base }) => ({ name, ...f, ratio: +(f.reqPerSec / base.reqPerSec).toFixed(3) })),
        },
        overload: { rate: readSat * 2, connections: 200, ...overload, rssBeforeMb: rssBefore, rssPeakMb: rssPeak },
        dashboardBytes: bytes,
      })
    } finally {
      if (app.exitCode === null) {
        app.kill('SIGTERM')
        await new Promise((r) => app.once('exit', r))
      }
    }
  })
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
