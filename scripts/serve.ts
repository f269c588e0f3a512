// npm start | npm run dev — the whole platform with one command. With DATABASE_URL unset it
// starts the embedded PostgreSQL (.data/postgres), applies migrations, seeds demo data into an
// empty database, then runs the app (built server, or `nuxt dev`) and stops both in order on exit.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createPrismaClient } from '../server/db/client.ts'
import { DEMO_GUARANTEE, DEMO_HOTELS, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { dataDirLabel, openOwnerDatabase, provisionRoles, root } from './lib/database.ts'
import { EmbeddedPostgresError } from './lib/embedded-postgres.ts'
import { openMigrator } from './lib/migrations.ts'
import { runCli, runCliSync } from './lib/bin.ts'
import { buildIsCurrent } from './lib/build.ts'
import { useDemoSellerUnlessConfigured } from './lib/seller.ts'

const mode = process.argv[2] === 'dev' ? 'dev' : 'start'
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'))

/** A secret from the environment, or one generated once for this machine and kept under .data/. */
function localSecret(variable: string, fileName: string, make: () => string): string {
  if (process.env[variable]) return process.env[variable]!
  const file = join(root, '.data', fileName)
  if (!existsSync(file)) {
    mkdirSync(join(root, '.data'), { recursive: true })
    writeFileSync(file, make(), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}
const sessionPassword = () =>
  localSecret('NUXT_SESSION_PASSWORD', 'session-secret', () => randomBytes(32).toString('base64url'))
const pmsCredentialsKey = () =>
  localSecret('PMS_CREDENTIALS_KEY', 'pms-credentials-key', () => randomBytes(32).toString('base64'))

async function prepareDatabase(ownerUrl: string) {
  const migrator = await openMigrator(ownerUrl)
  try {
    const applied = await migrator.deploy()
    if (applied.length) console.log(`[db] applied ${applied.length} migration(s)`)
  } finally {
    migrator.close()
  }
  await provisionRoles(ownerUrl)
  const urls = databaseUrls({ ...process.env, DATABASE_URL: ownerUrl })
  const db = createPrismaClient(urls.privileged, { max: 2 })
  try {
    if ((await db.tenant.count()) === 0) {
      const report = await seedDemoData(db)
      console.log(
        `[db] empty database: seeded demo data (${Object.entries(report)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')})`,
      )
    }
  } finally {
    await db.$disconnect()
  }
  return urls
}

function printWelcome(port: string, appDomain: string) {
  const base = (host: string) => `http://${host}:${port}`
  console.log(`\nOmotenasuAI Platform is starting (${mode}).`)
  console.log(`  Agent portal  ${base(appDomain)}/agent`)
  console.log(`  HQ admin      ${base(appDomain)}/hq`)
  console.log(
    process.env.SMTP_URL
      ? '  Mail          sent through SMTP_URL'
      : `  Mail          no SMTP_URL: kept in the outbox, ${base(appDomain)}/hq/outbox (links also printed here)`,
  )
  for (const hotel of DEMO_HOTELS) console.log(`  Hotel admin   ${base(`${hotel.slug}.${appDomain}`)}   ${hotel.name}`)
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`)
  for (const user of DEMO_USERS) {
    const where = user.hq
      ? 'HQ'
      : user.agent
        ? 'agent'
        : (user.memberships ?? []).map(([slug, role]) => `${slug} ${role}`).join(', ')
    console.log(`  ${user.email.padEnd(30)} ${where}`)
  }
  // Inside its money-back guarantee with a paid month: its owner can request a refund at /guarantee.
  console.log(`  ${DEMO_GUARANTEE.ownerEmail.padEnd(30)} ${DEMO_GUARANTEE.hotelSlug} owner (refund: /guarantee)`)
  console.log('')
}

async function main() {
  if (mode === 'start' && !buildIsCurrent()) {
    console.log('[build] no current build in .output: running nuxt build (about a minute)…')
    const build = runCliSync('nuxt', ['build'], { stdio: 'inherit' })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }

  const database = await openOwnerDatabase()
  console.log(
    database.embedded
      ? `[db] embedded PostgreSQL running (data in ${dataDirLabel(database.dataDir!)})`
      : `[db] using DATABASE_URL (${new URL(database.url).host})`,
  )
  if (database.embedded && useDemoSellerUnlessConfigured())
    console.log(
      `[billing] demo seller on invoices: ${process.env.SELLER_NAME} ${process.env.SELLER_REGISTRATION_NUMBER} (set ` +
        `SELLER_REGISTRATION_NUMBER, SELLER_NAME, SELLER_ADDRESS for real ones)`,
    )
  const urls = await prepareDatabase(database.url)

  const port = process.env.PORT || '3000'
  const appDomain = process.env.APP_DOMAIN || process.env.NUXT_PUBLIC_APP_DOMAIN || 'localhost'
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    DATABASE_APP_URL: urls.app,
    DATABASE_PRIVILEGED_URL: urls.privileged,
    NUXT_SESSION_PASSWORD: sessionPassword(),
    PMS_CREDENTIALS_KEY: pmsCredentialsKey(),
    NUXT_PUBLIC_APP_DOMAIN: appDomain,
    // Plain http on localhost cannot carry a Secure cookie to non-browser clients.
    NUXT_SESSION_COOKIE_SECURE: process.env.NUXT_SESSION_COOKIE_SECURE ?? String(!/(^|\.)localhost$/.test(appDomain)),
  }
  delete env.DATABASE_URL // the app never holds the owner's credentials

  const app =
    mode === 'dev'
      ? runCli('nuxt', ['dev', '--port', port], { stdio: 'inherit', env })
      : spawn(process.execPath, [join(root, '.output', 'server', 'index.mjs')], { stdio: 'inherit', env, cwd: root })
  printWelcome(port, appDomain)

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    if (app.exitCode === null) {
      app.kill('SIGTERM')
      await new Promise((resolve) => app.once('exit', resolve))
    }
    await database.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  app.on('exit', (code) => void stop(code ?? 0))
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? `[db] ${error.message}` : error)
  process.exit(1)
})
