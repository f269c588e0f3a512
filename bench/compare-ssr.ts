// node bench/compare-ssr.ts <output A> <output B> — are two builds' server-rendered pages the same
// bytes? Both servers run in turn on one seeded database with one session secret and one session
// cookie; the login page and the signed-in hotel dashboard are compared after blanking the build id
// and the hashed asset names (random per build). Used to check that a request-path change leaves the HTML as it was.
import { randomBytes } from 'node:crypto'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { freePort } from '../scripts/lib/embedded-postgres.ts'
import { useDemoSellerUnlessConfigured } from '../scripts/lib/seller.ts'
import { withBenchDatabase } from './lib.ts'
import { call, signIn, startServer, waitForHealth } from './server.ts'

const [outputA, outputB] = process.argv.slice(2)
if (!outputA || !outputB) throw new Error('usage: node bench/compare-ssr.ts <.output A> <.output B>')

async function pages(output: string, urls: { app: string; privileged: string }, secret: string, cookie?: string) {
  const port = await freePort()
  const app = startServer(output, port, urls, { sessionPassword: secret })
  try {
    await waitForHealth(port, app)
    const host = `hotel-a.localhost:${port}`
    const session = cookie ?? (await signIn(port, host, 'owner@hotel-a.example', 'hotel'))
    const get = async (path: string, withCookie: boolean) =>
      (await call(port, 'GET', path, { host, accept: 'text/html', ...(withCookie ? { cookie: session } : {}) })).body
        .toString()
        .replaceAll(String(port), 'PORT')
        .replace(/buildId:"[^"]*"/g, 'buildId:""')
        .replace(/"buildId":"[^"]*"/g, '"buildId":""')
        .replace(/\/_nuxt\/[\w-]+\.(js|css)/g, '/_nuxt/HASH.$1')
    return { cookie: session, login: await get('/login', false), dashboard: await get('/', true) }
  } finally {
    app.kill('SIGTERM')
    await new Promise((r) => app.once('exit', r))
  }
}

async function main() {
  useDemoSellerUnlessConfigured()
  await withBenchDatabase(async (owner) => {
    const urls = databaseUrls({ DATABASE_URL: owner, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const seeder = createPrismaClient(urls.privileged, { max: 2 })
    await seedDemoData(seeder)
    await seeder.$disconnect()
    const secret = randomBytes(32).toString('base64url')
    const a = await pages(outputA!, urls, secret)
    const b = await pages(outputB!, urls, secret, a.cookie)
    for (const page of ['login', 'dashboard'] as const) {
      const same = a[page] === b[page]
      let at = 0
      while (!same && a[page][at] === b[page][at]) at++
      console.log(
        `${page}: ${a[page].length} and ${b[page].length} bytes, ${same ? 'identical' : `differ at ${at}`}` +
          (same ? '' : `\n  A: …${a[page].slice(at - 60, at + 80)}\n  B: …${b[page].slice(at - 60, at + 80)}`),
      )
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
