// npm run db:migrate | db:migrate:create -- NAME | db:check | db:seed | db:reset
import { databaseUrls } from '../server/db/urls.ts'
import { createPrismaClient } from '../server/db/client.ts'
import { seedDemoData } from '../server/db/seed.ts'
import { useDemoSellerUnlessConfigured } from './lib/seller.ts'
import { dataDirLabel, openOwnerDatabase, provisionRoles } from './lib/database.ts'
import { EmbeddedPostgresError } from './lib/embedded-postgres.ts'
import { openMigrator, writeMigration } from './lib/migrations.ts'

const [command, ...args] = process.argv.slice(2)

async function seed(ownerUrl: string) {
  const db = createPrismaClient(databaseUrls({ ...process.env, DATABASE_URL: ownerUrl }).privileged, { max: 2 })
  try {
    const report = await seedDemoData(db)
    console.log(
      `Seeded demo data (upserts, existing rows kept): ${Object.entries(report)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    )
  } finally {
    await db.$disconnect()
  }
}

async function main(): Promise<number> {
  const database = await openOwnerDatabase()
  console.log(
    database.embedded
      ? `Using the embedded PostgreSQL (${dataDirLabel(database.dataDir!)})`
      : `Using DATABASE_URL (${new URL(database.url).host})`,
  )
  if (database.embedded) useDemoSellerUnlessConfigured() // the seed's invoices carry the demo seller
  const migrator = await openMigrator(database.url)
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrator.deploy()
        await provisionRoles(database.url)
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
            : 'Database is up to date: no migration to apply.',
        )
        return 0
      }
      case 'create': {
        const name = args.find((a) => !a.startsWith('-'))
        if (!name) {
          console.error('Usage: npm run db:migrate:create -- NAME')
          return 2
        }
        const sql = await migrator.pendingSchemaChange()
        if (!sql) {
          console.log('schema.prisma matches the migrations: nothing to create.')
          return 0
        }
        const folder = await writeMigration(name, sql)
        console.log(`Wrote prisma/migrations/${folder}/migration.sql — review it, then run npm run db:migrate.`)
        return 0
      }
      case 'check': {
        let problems = 0
        const history = await migrator.history()
        if (history.failedMigrationNames.length) {
          problems++
          console.error(`Failed migrations: ${history.failedMigrationNames.join(', ')}`)
        }
        if (history.editedMigrationNames.length) {
          problems++
          console.error(`Migrations edited after they were applied: ${history.editedMigrationNames.join(', ')}`)
        }
        if (history.history) {
          problems++
          console.error(`Migration history: ${JSON.stringify(history.history)}`)
        }
        const pending = await migrator.pendingSchemaChange()
        if (pending) {
          problems++
          console.error(
            `schema.prisma has changes no migration contains (run npm run db:migrate:create -- NAME):\n${pending}`,
          )
        }
        const drift = await migrator.liveDrift()
        if (drift) {
          problems++
          console.error(`The live database differs from schema.prisma:\n${drift}`)
        }
        console.log(
          problems ? `db:check: ${problems} problem(s).` : 'db:check: database, migrations and schema.prisma agree.',
        )
        return problems ? 1 : 0
      }
      case 'seed': {
        await seed(database.url)
        return 0
      }
      case 'reset': {
        await migrator.reset()
        const applied = await migrator.deploy()
        await provisionRoles(database.url)
        console.log(`Reset the database: dropped everything, applied ${applied.length} migration(s).`)
        await seed(database.url)
        return 0
      }
      default:
        console.error('Usage: node scripts/db.ts migrate|create NAME|check|seed|reset')
        return 2
    }
  } finally {
    migrator.close()
    // A failure to stop the embedded cluster must not turn a passed check into a failed one (CI once
    // printed a bare "undefined" here); it is reported, and the next start recovers the cluster.
    await database
      .stop()
      .catch((error: unknown) => console.warn('[db] stopping the embedded PostgreSQL failed:', error))
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof EmbeddedPostgresError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : `db.ts failed with a non-error value: ${String(error)}`,
    )
    process.exit(1)
  },
)
