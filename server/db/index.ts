// The two database doors of the server. Tenant routes use tenantDb(tenantId) (through
// requireTenantMember); privilegedDb bypasses row-level security and is for HQ screens, jobs,
// sign-in and tenant resolution only: its name is meant to stand out in review.
import { createAppRoleClient, createPrismaClient, type PrismaClient } from './client.ts'
import { scopeToTenant, type TenantDb } from './tenancy.ts'
import { databaseUrls } from './urls.ts'

let appClient: PrismaClient | undefined
let privilegedClient: PrismaClient | undefined

const poolSize = () => Number(process.env.DATABASE_POOL_SIZE || 10)

/** The app-role client underneath every tenant client. Not for direct use in routes. */
export function appDbBase(): PrismaClient {
  return (appClient ??= createAppRoleClient(databaseUrls().app, { max: poolSize() }))
}

/** Bypasses row-level security. HQ, jobs, sign-in, tenant resolution. */
export function privilegedDb(): PrismaClient {
  return (privilegedClient ??= createPrismaClient(databaseUrls().privileged, {
    max: Math.max(2, Math.ceil(poolSize() / 2)),
  }))
}

export function tenantDb(tenantId: string): TenantDb {
  return scopeToTenant(appDbBase(), tenantId)
}

export async function closeDatabases(): Promise<void> {
  await Promise.all([appClient?.$disconnect(), privilegedClient?.$disconnect()])
  appClient = privilegedClient = undefined
}
