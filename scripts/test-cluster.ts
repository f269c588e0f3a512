// npm run test:cluster — the scale-out as it runs in production, on this machine: embedded PostgreSQL,
// PgBouncer in transaction pooling mode in front of it, TWO instances of the built app, nginx
// round-robin over them. The HTTP e2e suite then runs through nginx, and tests/cluster checks what
// two instances must share (sessions, sign-out, throttles, jobs that run once). Not part of CI.
// Extra arguments replace the test files (default: the HTTP-only e2e files below and tests/cluster/).
// nginx and pgbouncer come from Debian (installed when missing); SKIP_BUILD=1 reuses .output.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { freePort, startEmbeddedPostgres } from './lib/embedded-postgres.ts'
import { migratedDatabase, root } from './lib/database.ts'
import { runCliToEnd } from './lib/bin.ts'
import { useDemoSellerUnlessConfigured } from './lib/seller.ts'

const NGINX = '/usr/sbin/nginx'
const PGBOUNCER = '/usr/sbin/pgbouncer'
const asRoot = userInfo().uid === 0
// The e2e files that need neither Chromium nor a fake PMS/Stripe/SMTP started beside one app.
const HTTP_E2E = [
  'api',
  'lists',
  'payouts',
  'billing-signup',
  'compression',
  'mail',
  'identity',
  'referrals',
  'hotel-admin',
]
const files = process.argv.slice(2)

function ensurePackages() {
  if (existsSync(NGINX) && existsSync(PGBOUNCER)) return
  console.log('[cluster] installing nginx and pgbouncer (Debian)…')
  const sudo = asRoot ? [] : ['sudo', '-n']
  const run = (argv: string[]) => spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit' })
  const install = [...sudo, 'apt-get', 'install', '-y', 'nginx', 'pgbouncer']
  if (run(install).status !== 0 && run([...sudo, 'apt-get', 'update']).status === 0) run(install)
  if (!existsSync(NGINX) || !existsSync(PGBOUNCER)) throw new Error('could not install nginx and pgbouncer')
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`)
    if (await ready().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000}s`)
}

const listening = (port: number) =>
  new Promise<boolean>((res) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => res(!!socket.end()))
    socket.once('error', () => res(false))
  })
const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok)

/** The same URL through PgBouncer (which knows the database under the same name). */
function viaPooler(url: string, port: number): string {
  const u = new URL(url)
  u.hostname = '127.0.0.1'
  u.port = String(port)
  return u.toString()
}

function writeOwned(path: string, text: string) {
  writeFileSync(path, text, { mode: 0o600 })
  if (asRoot) chownSync(path, uid('postgres'), 0) // pgbouncer drops to the postgres user
}

function uid(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim())
}

function pgbouncerConfig(dir: string, port: number, pgPort: number, urls: string[]): string {
  const users = urls.map((u) => new URL(u))
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`
  writeOwned(
    join(dir, 'userlist.txt'),
    users.map((u) => `${quote(u.username)} ${quote(decodeURIComponent(u.password))}`).join('\n') + '\n',
  )
  const ini = join(dir, 'pgbouncer.ini')
  writeOwned(
    ini,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${pgPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 40',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  )
  return ini
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  const conf = join(dir, 'nginx.conf')
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
daemon off;
error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 512; }
http {
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  log_format cluster '$status $upstream_addr';
  access_log ${join(dir, 'access.log')} cluster;
  # The tests play an edge proxy in front of this one: the address they put last in
  # X-Forwarded-For becomes the client's, and nginx appends it again (what the app reads).
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Forwarded-For;
  upstream app { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 10m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream off;
    }
  }
}
`,
  )
  return conf
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

async function main(): Promise<number> {
  useDemoSellerUnlessConfigured()
  ensurePackages()
  const cluster = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'test-postgres') })
  const dir = mkdtempSync(join(tmpdir(), 'omotenasu-cluster-'))
  chmodSync(dir, 0o755)
  const name = `omotenasu_test_cluster_${randomBytes(4).toString('hex')}`
  const children: ChildProcess[] = []
  let created = false
  let nginx: ChildProcess | undefined
  let pooler: ChildProcess | undefined
  const report = join(root, 'test-results', 'vitest-cluster.json')
  let status = 1
  try {
    const ownerUrl = await migratedDatabase(cluster.url('postgres'), name)
    created = true
    const urls = databaseUrls({ DATABASE_URL: ownerUrl, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    const seeder = createPrismaClient(urls.privileged, { max: 2 })
    await seedDemoData(seeder)
    await seeder.$disconnect()

    const poolerPort = await freePort()
    const ini = pgbouncerConfig(dir, poolerPort, cluster.port, [urls.app, urls.privileged])
    pooler = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), ini], { stdio: ['ignore', 'inherit', 'inherit'] })
    await waitFor('pgbouncer', () => listening(poolerPort), pooler)
    console.log(`[cluster] PgBouncer (transaction pooling) on ${poolerPort} → PostgreSQL on ${cluster.port}`)

    if (!(process.env.SKIP_BUILD === '1' && existsSync(join(root, '.output', 'server', 'index.mjs')))) {
      console.log('[cluster] building the app…')
      const build = await runCliToEnd('nuxt', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
      if (build !== 0) throw new Error('nuxt build failed')
    }
    const sessionPassword = randomBytes(32).toString('base64url')
    const stripeWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`
    const pmsKey = randomBytes(32).toString('base64')
    const ports = [await freePort(), await freePort()]
    const port = await freePort() // nginx's: the instances put it in the links they make
    ports.forEach((own, i) => {
      const app = spawn(process.execPath, [join(root, '.output', 'server', 'index.mjs')], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          DATABASE_URL: '',
          PORT: String(own),
          HOST: '127.0.0.1',
          INSTANCE_ID: `app-${i + 1}`,
          CLUSTER_TEST: '1',
          DATABASE_APP_URL: viaPooler(urls.app, poolerPort),
          DATABASE_PRIVILEGED_URL: viaPooler(urls.privileged, poolerPort),
          DATABASE_POOL_SIZE: '10',
          NUXT_SESSION_PASSWORD: sessionPassword,
          NUXT_SESSION_COOKIE_SECURE: 'false',
          NUXT_PUBLIC_APP_DOMAIN: 'localhost',
          TRUST_PROXY: '1',
          APP_PUBLIC_PORT: String(port),
          STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
          PMS_CREDENTIALS_KEY: pmsKey,
        },
      })
      children.push(app)
    })
    for (const [i, port] of ports.entries()) await waitFor(`app-${i + 1}`, () => healthy(port), children[i]!)

    nginx = spawn(NGINX, ['-p', dir, '-e', join(dir, 'nginx-error.log'), '-c', nginxConfig(dir, port, ports)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    await waitFor('nginx', () => healthy(port), nginx)
    console.log(`[cluster] nginx on ${port} → app-1 on ${ports[0]}, app-2 on ${ports[1]}`)

    rmSync(report, { force: true })
    // Not spawnSync: this process reads the embedded PostgreSQL's log (scripts/lib/bin.ts).
    const vitestStatus = await runCliToEnd(
      'vitest',
      [
        'run',
        '--project=e2e',
        '--project=cluster',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        ...(files.length ? files : [...HTTP_E2E.map((f) => `tests/e2e/${f}.test.ts`), 'tests/cluster/']),
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          NODE_ENV: 'test',
          TEST_CLUSTER: '1',
          TEST_APP_PID: String(children[0]!.pid),
          TEST_DATABASE_APP_URL: urls.app,
          TEST_DATABASE_PRIVILEGED_URL: urls.privileged,
          TEST_APP_PORT: String(port),
          TEST_APP_URL: `http://127.0.0.1:${port}`,
          TEST_INSTANCE_PORTS: ports.join(','),
          TEST_E2E_OWNER_URL: ownerUrl,
          TEST_SESSION_PASSWORD: sessionPassword,
          TEST_STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        },
      },
    )
    status = vitestStatus
  } finally {
    await stop(nginx, 'SIGQUIT')
    for (const app of children) await stop(app)
    await stop(pooler)
    if (created)
      await cluster.dropDatabase(name).catch((e: Error) => console.error(`[cluster] drop ${name}: ${e.message}`))
    await cluster.stop()
    summary(dir, report, status)
    rmSync(dir, { recursive: true, force: true })
  }
  return status
}

/** One closing line: requests through nginx, instances that answered them, failures. */
function summary(dir: string, report: string, status: number) {
  const log = join(dir, 'access.log')
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []
  const upstreams = new Set(lines.map((l) => l.split(' ')[1]).filter((u) => u && u !== '-'))
  const errors = lines.filter((l) => l.startsWith('5')).length
  let tests = 'no test report'
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number }
    tests = `${r.numPassedTests} tests passed, ${r.numFailedTests} failed`
  }
  console.log(
    `Cluster: ${lines.length} requests through nginx, ${upstreams.size} instances hit, ${errors} 5xx; ` +
      `${tests}${status === 0 ? '' : ` (exit ${status})`}`,
  )
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
