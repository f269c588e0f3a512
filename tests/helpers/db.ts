// Database handles for integration tests: the run's own fresh database (scripts/test.ts made and
// migrated it), reached as the app role (RLS applies) and as the privileged role (RLS bypassed).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll } from 'vitest'
import { createAppRoleClient, createPrismaClient, type PrismaClient } from '../../server/db/client'
import { seedCatalogue } from '../../server/db/seed'
import { databaseUrls } from '../../server/db/urls'

export function ownerUrl(): string {
  const url = process.env.TEST_OWNER_URL
  if (!url)
    throw new Error('TEST_OWNER_URL is not set: run the integration tests through `npm test` (scripts/test.ts).')
  return url
}

export function testClients(): { app: PrismaClient; privileged: PrismaClient; close: () => Promise<void> } {
  const urls = databaseUrls({ DATABASE_URL: ownerUrl(), DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
  const app = createAppRoleClient(urls.app, { max: 4 })
  const privileged = createPrismaClient(urls.privileged, { max: 4 })
  return {
    app,
    privileged,
    close: async () => {
      await app.$disconnect()
      await privileged.$disconnect()
    },
  }
}

export const uniq = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

/** The DOMAIN.md plan catalogue and agent ranks, as every real database has them. */
export const ensureCatalogue = (db: PrismaClient) => seedCatalogue(db)

/**
 * For a test file: opens the run's database (as both roles) before its tests with the catalogue
 * seeded, points DATABASE_URL at it for services that use privilegedDb(), and closes it after.
 */
export function useIntegrationDb() {
  let clients: ReturnType<typeof testClients> | undefined
  beforeAll(async () => {
    process.env.DATABASE_URL = ownerUrl()
    clients = testClients()
    await ensureCatalogue(clients.privileged)
  })
  afterAll(async () => {
    await clients?.close()
    // A service that enqueued a queue action (signup, renewals) started this process's queue client.
    const { stopQueue } = await import('../../server/services/queue')
    await stopQueue()
    const { closeDatabases } = await import('../../server/db/index')
    await closeDatabases()
  })
  return {
    get privileged() {
      return clients!.privileged
    },
    get app() {
      return clients!.app
    },
  }
}
