// npm run test:reliability — faults on purpose, against the built app over HTTP and its own PostgreSQL:
// the app killed (SIGKILL) in the middle of the commission job, a payout approval and a Zengin export;
// PostgreSQL stopped under load and started again; a PMS vendor that times out, answers 500 or drops
// the connection. The tests (tests/reliability/) drive the faults through a small control server this
// script runs (it owns the app and PostgreSQL processes): start/kill the app, stop/start PostgreSQL.
// Its own embedded cluster (.data/reliability-postgres, its own port), so stopping it harms nothing
// else. Each test prints its figures; this script prints them all again at the end, the total last.
// SKIP_BUILD=1 reuses .output; otherwise it builds when .output is older than the sources.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './lib/embedded-postgres.ts'
import { migratedDatabase, root } from './lib/database.ts'
import { runCliToEnd } from './lib/bin.ts'
import { buildIsCurrent } from './lib/build.ts'
import { useDemoSellerUnlessConfigured } from './lib/seller.ts'

const DATA_DIR = join(root, '.data', 'reliability-postgres')
const files = process.argv.slice(2)

interface Figures {
  test: string
  requests: number
  faults: number
  rows: number
  lost: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<number> {
  useDemoSellerUnlessConfigured()
  const port = await freePort()
  let cluster: EmbeddedPostgresHandle | null = await startEmbeddedPostgres({ dataDir: DATA_DIR, port })
  const pgPort = cluster.port
  const name = `omotenasu_test_reliability_${randomBytes(4).toString('hex')}`
  const figuresPath = join(root, 'test-results', 'reliability-figures.jsonl')
  rmSync(figuresPath, { force: true })
  let app: ChildProcess | undefined
  let control: ReturnType<typeof createServer> | undefined
  let created = false
  let status: number
  try {
    const ownerUrl = await migratedDatabase(cluster.url('postgres'), name)
    created = true
    const urls = databaseUrls({ DATABASE_URL: ownerUrl, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const seeder = createPrismaClient(urls.privileged, { max: 2 })
    await seedDemoData(seeder)
    await seeder.$disconnect()

    if (
      !(process.env.SKIP_BUILD === '1' && existsSync(join(root, '.output', 'server', 'index.mjs'))) &&
      !buildIsCurrent()
    ) {
      console.log('[reliability] building the app…')
      const build = await runCliToEnd('nuxt', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
      if (build !== 0) throw new Error('nuxt build failed')
    }

    const appPort = await freePort()
    const baseUrl = `http://127.0.0.1:${appPort}`
    const sessionPassword = randomBytes(32).toString('base64url')
    const stripeWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`
    const appEnv: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      DATABASE_URL: '',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      DATABASE_APP_URL: urls.app,
      DATABASE_PRIVILEGED_URL: urls.privileged,
      NUXT_SESSION_PASSWORD: sessionPassword,
      NUXT_SESSION_COOKIE_SECURE: 'false',
      NUXT_PUBLIC_APP_DOMAIN: 'localhost',
      TRUST_PROXY: '1',
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      PMS_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      // A vendor that does not answer is given up on after 2 s per attempt (15 s in production).
      PMS_HTTP_TIMEOUT_MS: '2000',
    }

    // The app's stdout is read line by line: a fault point announces itself there ("[fault] <point>").
    let faultSeen: { point: string; resolve: () => void } | null = null
    let appStarts = 0
    // What the app left unhandled (Nitro logs them and carries on): the outage test wants none.
    let unhandled = 0
    const startApp = async (extra: Record<string, string> = {}) => {
      if (app && app.exitCode === null && app.signalCode === null) throw new Error('the app is already running')
      appStarts++
      const child = spawn(process.execPath, [join(root, '.output', 'server', 'index.mjs')], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...appEnv, ...extra },
      })
      app = child
      createInterface({ input: child.stdout! }).on('line', (line) => {
        console.log(line)
        if (/^\[(unhandledRejection|uncaughtException)\]/.test(line)) unhandled++
        if (faultSeen && line.includes(`[fault] ${faultSeen.point}:`)) faultSeen.resolve()
      })
      const deadline = Date.now() + 60_000
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before it was healthy`)
        if (
          await fetch(`${baseUrl}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return { pid: child.pid }
        await sleep(200)
      }
      throw new Error('the app did not become healthy within 60 s')
    }
    const exited = (child: ChildProcess) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((r) => child.once('exit', () => r()))
    const killApp = async () => {
      if (!app) return { killed: false }
      app.kill('SIGKILL')
      await exited(app)
      return { killed: true, signal: app.signalCode }
    }

    const actions: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
      '/app/start': (body) => startApp((body.env as Record<string, string>) ?? {}),
      '/app/kill': () => killApp(),
      // Waits until the app announces the fault point, then SIGKILL: the kill lands inside the transaction.
      '/app/kill-at': async (body) => {
        const point = String(body.point)
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`fault point ${point} not reached within 60 s`)), 60_000)
          faultSeen = {
            point,
            resolve: () => {
              clearTimeout(timer)
              resolve()
            },
          }
        }).finally(() => (faultSeen = null))
        return killApp()
      },
      '/app/status': async () => ({
        pid: app?.pid,
        running: !!app && app.exitCode === null && !app.signalCode,
        unhandled,
      }),
      '/pg/stop': async () => {
        await cluster?.stop()
        cluster = null
        return { stopped: true }
      },
      '/pg/start': async () => {
        if (cluster) return { started: false }
        cluster = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort })
        if (cluster.port !== pgPort) throw new Error(`PostgreSQL came back on ${cluster.port}, not ${pgPort}`)
        return { started: true }
      },
    }
    control = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const action = actions[req.url ?? '']
        const body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {}
        const reply = (code: number, value: unknown) => {
          res.writeHead(code, { 'content-type': 'application/json' })
          res.end(JSON.stringify(value))
        }
        if (!action) return reply(404, { error: `unknown action ${req.url}` })
        action(body).then(
          (value) => reply(200, value ?? {}),
          (error: Error) => reply(500, { error: error.message }),
        )
      })
    })
    const controlPort = await freePort()
    await new Promise<void>((r) => control!.listen(controlPort, '127.0.0.1', r))

    await startApp()
    const report = join(root, 'test-results', 'vitest-reliability.json')
    rmSync(report, { force: true })
    // Not spawnSync: this process reads the embedded PostgreSQL's log (scripts/lib/bin.ts).
    status = await runCliToEnd(
      'vitest',
      [
        'run',
        '--project=reliability',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        ...files,
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          NODE_ENV: 'test',
          TEST_RELIABILITY: '1',
          TEST_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
          TEST_DATABASE_APP_URL: urls.app,
          TEST_DATABASE_PRIVILEGED_URL: urls.privileged,
          TEST_APP_PORT: String(appPort),
          TEST_APP_URL: baseUrl,
          TEST_E2E_OWNER_URL: ownerUrl,
          TEST_SESSION_PASSWORD: sessionPassword,
          TEST_STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
          TEST_RELIABILITY_FIGURES: figuresPath,
        },
      },
    )
    if (status === 0 && appStarts < 2) console.log('[reliability] note: the app was never restarted')
  } finally {
    control?.close()
    if (app && app.exitCode === null && app.signalCode === null) {
      const child = app
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(timer)
    }
    if (!cluster) cluster = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort }).catch(() => null)
    if (created && cluster)
      await cluster.dropDatabase(name).catch((e: Error) => console.error(`[reliability] drop ${name}: ${e.message}`))
    await cluster?.stop()
  }
  summary(figuresPath, status)
  return status
}

/** One line per fault test, then the total: requests, faults injected, rows checked, lost. */
function summary(path: string, status: number) {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []
  const all = lines.map((l) => JSON.parse(l) as Figures)
  const line = (f: Omit<Figures, 'test'>) =>
    `${f.requests} requests, ${f.faults} faults injected, ${f.rows} rows checked, ${f.lost} lost`
  for (const f of all) console.log(`Reliability ${f.test}: ${line(f)}`)
  const total = all.reduce(
    (t, f) => ({
      requests: t.requests + f.requests,
      faults: t.faults + f.faults,
      rows: t.rows + f.rows,
      lost: t.lost + f.lost,
    }),
    { requests: 0, faults: 0, rows: 0, lost: 0 },
  )
  console.log(`Reliability: ${all.length} fault tests, ${line(total)}${status === 0 ? '' : ` (exit ${status})`}`)
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
