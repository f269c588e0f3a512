import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { createTenantPool, statementTenantClients } from './tenant-pool.ts'

export type { PrismaClient }

/**
 * How long a request waits for a new connection before it is told the database is unavailable (503):
 * without it, a database that accepts TCP but never answers (overloaded, paused, a half-open network)
 * holds every request for as long as the client waits. DATABASE_CONNECT_TIMEOUT_MS, default 5 s.
 */
export function connectTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const ms = Number(env.DATABASE_CONNECT_TIMEOUT_MS)
  return Number.isFinite(ms) && ms > 0 ? ms : 5_000
}

/** A Prisma client on its own connection pool (adapter-pg). */
export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: connectTimeoutMs(),
      // A connection the database dropped (restart, failover) is noticed and replaced, not reused.
      keepAlive: true,
    }),
  })
}

/**
 * Columns the app role may not read (prisma/migrations/*_app_role_grants): Prisma selects every
 * scalar by default, so the app-role client leaves these out of every query instead of failing
 * with "permission denied". Naming one in a `select` or `where` still fails, in the database.
 */
export const APP_ROLE_OMIT = { invitation: { tokenHash: true }, pmsIntegration: { webhookSecretHash: true } } as const

/** The client of the app role (omotenasu_app), underneath every tenant client. */
export function createAppRoleClient(url: string, options: { max?: number } = {}): PrismaClient {
  // The omission is runtime-only in the type: reading `tokenHash` off a tenant invitation gives undefined.
  // Its pool sends a scoped statement's tenant setting with the statement (server/db/tenant-pool.ts).
  const pool = createTenantPool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: connectTimeoutMs(),
    keepAlive: true,
  })
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    omit: APP_ROLE_OMIT,
  }) as unknown as PrismaClient
  statementTenantClients.add(client)
  return client
}
