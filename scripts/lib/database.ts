// The owner connection for the db scripts: DATABASE_URL, or the embedded cluster under .data/.
import { relative, resolve } from 'node:path'
import pg from 'pg'
import { APP_ROLE, PRIVILEGED_ROLE, rolePassword } from '../../server/db/urls.ts'
import { startEmbeddedPostgres } from './embedded-postgres.ts'
import { openMigrator } from './migrations.ts'

export const root = resolve(import.meta.dirname, '..', '..')
export const EMBEDDED_DATA_DIR = resolve(root, '.data', 'postgres')
export const EMBEDDED_DATABASE = 'omotenasu'

/** A data directory as a person reads it: relative inside the checkout, absolute elsewhere. */
export function dataDirLabel(dir: string): string {
  const inside = relative(root, dir)
  return inside && !inside.startsWith('..') ? inside : dir
}

export interface OwnerDatabase {
  url: string
  embedded: boolean
  /** The embedded cluster's files (.data/postgres, or where they had to go instead). */
  dataDir?: string
  stop: () => Promise<void>
}

export async function openOwnerDatabase(env = process.env): Promise<OwnerDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} }
  const port = env.EMBEDDED_POSTGRES_PORT ? Number(env.EMBEDDED_POSTGRES_PORT) : 54329
  const dataDir = env.EMBEDDED_POSTGRES_DIR ? resolve(env.EMBEDDED_POSTGRES_DIR) : EMBEDDED_DATA_DIR
  const cluster = await startEmbeddedPostgres({ dataDir, port })
  await cluster.createDatabase(EMBEDDED_DATABASE).catch((error: Error) => {
    if (!/already exists/.test(error.message)) throw error
  })
  return { url: cluster.url(EMBEDDED_DATABASE), embedded: true, dataDir: cluster.dataDir, stop: cluster.stop }
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * After migrations: let the two app roles (created NOLOGIN by the migrations) log in with the
 * password their derived URLs use; the privileged role reads the migration history for /api/health
 * (the app role reads nothing it does not need: *_app_role_grants).
 * Skipped for the login when DATABASE_APP_URL / DATABASE_PRIVILEGED_URL are given explicitly.
 */
export async function provisionRoles(ownerUrl: string, env = process.env): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const password = rolePassword(env).replaceAll("'", "''")
    if (!env.DATABASE_APP_URL) await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${password}'`)
    if (!env.DATABASE_PRIVILEGED_URL) await client.query(`ALTER ROLE ${PRIVILEGED_ROLE} LOGIN PASSWORD '${password}'`)
    await client.query(`GRANT SELECT ON _prisma_migrations TO ${PRIVILEGED_ROLE}`)
  })
}

/** Owner URL with the database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Creates `name` on the server, applies every migration and provisions the app and privileged roles. */
export async function migratedDatabase(ownerServerUrl: string, name: string): Promise<string> {
  await withClient(withDatabase(ownerServerUrl, 'postgres'), (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = withDatabase(ownerServerUrl, name)
  const migrator = await openMigrator(url)
  try {
    await migrator.deploy()
  } finally {
    migrator.close()
  }
  await provisionRoles(url)
  return url
}
