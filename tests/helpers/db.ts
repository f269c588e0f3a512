// Database handles for integration tests: the run's own fresh database (scripts/test.ts made and
// migrated it), reached as the app role (RLS applies) and as the privileged role (RLS bypassed).
import { randomBytes } from 'node:crypto'
import { createPrismaClient, type PrismaClient } from '../../server/db/client'
import { databaseUrls } from '../../server/db/urls'

export function ownerUrl(): string {
  const url = process.env.TEST_OWNER_URL
  if (!url) throw new Error('TEST_OWNER_URL is not set: run the integration tests through `npm test` (scripts/test.ts).')
  return url
}

export function testClients(): { app: PrismaClient; privileged: PrismaClient; close: () => Promise<void> } {
  const urls = databaseUrls({ DATABASE_URL: ownerUrl(), DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
  const app = createPrismaClient(urls.app, { max: 4 })
  const privileged = createPrismaClient(urls.privileged, { max: 4 })
  return { app, privileged, close: async () => { await app.$disconnect(); await privileged.$disconnect() } }
}

export const uniq = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`
