// The offline migration tooling (scripts/lib/migrations.ts) on a throwaway database: it applies
// the migrations, reports agreement, and notices drift in the live database.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openMigrator, type Migrator } from '../../scripts/lib/migrations'
import { withDatabase } from '../../scripts/lib/database'
import { ownerUrl, uniq } from '../helpers/db'

const name = uniq('omotenasu_migrations').replaceAll('-', '_')
let url = ''
let migrator: Migrator

async function sql(target: string, text: string) {
  const client = new pg.Client({ connectionString: target })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  await sql(withDatabase(ownerUrl(), 'postgres'), `CREATE DATABASE "${name}"`)
  url = withDatabase(ownerUrl(), name)
  migrator = await openMigrator(url)
})

afterAll(async () => {
  migrator?.close()
  await sql(withDatabase(ownerUrl(), 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
})

describe('migrations', () => {
  it("a fresh database is behind until deploy applies every migration, in Prisma's own table", async () => {
    expect((await migrator.history()).history).toMatchObject({ diagnostic: 'databaseIsBehind' })
    const applied = await migrator.deploy()
    expect(applied.length).toBeGreaterThanOrEqual(2)
    expect(applied.at(-1)).toMatch(/^\d{14}_/)
    const rows = await sql(
      url,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    )
    expect(rows.rows.map((r) => r.migration_name)).toEqual(applied)
    expect(await migrator.deploy()).toEqual([]) // idempotent
  })

  it('then the database, the migrations and schema.prisma agree', async () => {
    const history = await migrator.history()
    expect(history).toMatchObject({ failedMigrationNames: [], editedMigrationNames: [], history: null })
    expect(await migrator.pendingSchemaChange()).toBe('')
    expect(await migrator.liveDrift()).toBe('')
  })

  it('a change made by hand in the live database is reported as drift', async () => {
    await sql(url, 'ALTER TABLE rooms ADD COLUMN hand_made integer')
    expect(await migrator.liveDrift()).toMatch(/hand_made/)
  })
})
