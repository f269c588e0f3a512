// The e2e database (seeded with the demo data) as the privileged role, for arranging and checking.
import { createPrismaClient } from '../../server/db/client'
import { databaseUrls } from '../../server/db/urls'

export function e2eDb() {
  const url = process.env.TEST_E2E_OWNER_URL
  if (!url) throw new Error('TEST_E2E_OWNER_URL is not set: run the e2e tests through `npm test`.')
  return createPrismaClient(
    databaseUrls({ DATABASE_URL: url, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD }).privileged,
    { max: 2 },
  )
}
