// npm test — the whole suite against real parts: a fresh PostgreSQL database per project (on the
// embedded cluster under .data/test-postgres, or on DATABASE_URL's server), the built app over
// HTTP, and Chromium. Extra arguments go to vitest (e.g. `npm test -- --project unit`).
// `npm run test:fuzz` (`--project fuzz`) runs the fuzz and isolation suite the same way; plain
// `npm test` does not (vitest.config.ts lists that project only when TEST_FUZZ=1).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { freePort, startEmbeddedPostgres } from './lib/embedded-postgres.ts'
import { migratedDatabase, root, withClient, withDatabase } from './lib/database.ts'
import { runCliToEnd } from './lib/bin.ts'
import { buildIsCurrent } from './lib/build.ts'
import { useDemoSellerUnlessConfigured } from './lib/seller.ts'

const args = process.argv.slice(2)
const projectArg = args.flatMap((a, i) =>
  a === '--project' ? [args[i + 1]] : a.startsWith('--project=') ? [a.slice(10)] : [],
)
const wants = (project: string) => projectArg.length === 0 || projectArg.includes(project)
const fuzz = projectArg.includes('fuzz')

async function waitForHealth(baseUrl: string, app: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} before it was healthy`)
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the app did not become healthy within ${timeoutMs / 1000}s`)
}

/** One plain closing line for CI logs: "Tests: N passed, N failed, N skipped". */
function printSummary(reportPath: string) {
  if (!existsSync(reportPath)) return
  const r = JSON.parse(readFileSync(reportPath, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  console.log(
    `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  )
}

async function main(): Promise<number> {
  useDemoSellerUnlessConfigured() // the seed, the app and the tests issue as the demo seller
  const external = process.env.DATABASE_URL
  const cluster = external ? null : await startEmbeddedPostgres({ dataDir: join(root, '.data', 'test-postgres') })
  const server = external ?? cluster!.url('postgres')
  const suffix = randomBytes(4).toString('hex')
  const created: string[] = []
  let app: ChildProcess | undefined
  const env: Record<string, string> = { NODE_ENV: 'test', ...(fuzz ? { TEST_FUZZ: '1' } : {}) }

  try {
    if (wants('integration')) {
      const name = `omotenasu_test_integration_${suffix}`
      env.TEST_OWNER_URL = await migratedDatabase(server, name)
      created.push(name)
    }
    if (wants('e2e') || fuzz) {
      const name = `omotenasu_test_${fuzz ? 'fuzz' : 'e2e'}_${suffix}`
      const ownerUrl = await migratedDatabase(server, name)
      created.push(name)
      const urls = databaseUrls({ DATABASE_URL: ownerUrl, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
      const seeder = createPrismaClient(urls.privileged, { max: 2 })
      await seedDemoData(seeder)
      await seeder.$disconnect()

      // The fuzz suite reuses a build that is newer than every source (CI runs it after npm test).
      if (!process.env.SKIP_BUILD && !(fuzz && !wants('e2e') && buildIsCurrent())) {
        console.log('[test] building the app for the e2e project…')
        const build = await runCliToEnd('nuxt', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
        if (build !== 0) throw new Error('nuxt build failed')
      }
      const port = await freePort()
      const sessionPassword = randomBytes(32).toString('base64url')
      const stripeWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`
      app = spawn(process.execPath, [join(root, '.output', 'server', 'index.mjs')], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          DATABASE_URL: '',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_APP_URL: urls.app,
          DATABASE_PRIVILEGED_URL: urls.privileged,
          NUXT_SESSION_PASSWORD: sessionPassword,
          NUXT_SESSION_COOKIE_SECURE: 'false',
          NUXT_PUBLIC_APP_DOMAIN: 'localhost',
          TRUST_PROXY: '1',
          STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
          PMS_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
        },
      })
      const baseUrl = `http://127.0.0.1:${port}`
      await waitForHealth(baseUrl, app)
      Object.assign(env, {
        TEST_APP_PID: String(app.pid),
        TEST_DATABASE_APP_URL: urls.app,
        TEST_DATABASE_PRIVILEGED_URL: urls.privileged,
        TEST_APP_PORT: String(port),
        TEST_APP_URL: baseUrl,
        TEST_E2E_OWNER_URL: ownerUrl,
        TEST_SESSION_PASSWORD: sessionPassword,
        TEST_STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      })
    }

    const report = join(root, 'test-results', 'vitest.json')
    rmSync(report, { force: true })
    // Not spawnSync: this process reads the embedded PostgreSQL's log (scripts/lib/bin.ts).
    const status = await runCliToEnd(
      'vitest',
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
      { stdio: 'inherit', env: { ...process.env, ...env } },
    )
    printSummary(report)
    return status
  } finally {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM')
      await new Promise((r) => app!.once('exit', r))
    }
    for (const name of created) {
      await withClient(withDatabase(server, 'postgres'), (c) =>
        c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).catch(() => {})
    }
    await cluster?.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
