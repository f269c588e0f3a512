// Prisma Migrate without the native engine: Prisma's own schema engine compiled to WebAssembly
// (@prisma/schema-engine-wasm), driven through @prisma/adapter-pg. It reads and writes Prisma's
// usual migration folders and `_prisma_migrations` rows, so `prisma migrate deploy` accepts the same
// migrations wherever the native engine can be downloaded.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'

const root = resolve(import.meta.dirname, '..', '..')
export const schemaPath = join(root, 'prisma', 'schema.prisma')
export const migrationsDir = join(root, 'prisma', 'migrations')
const NO_FILTER = { externalTables: [], externalEnums: [] }
const PG_CHAR_OID = 18
const PG_TEXT_OID = 25

type PgResult = { fields?: { dataTypeID: number }[] }

// adapter-pg rejects PostgreSQL's internal "char" type, which the engine reads from pg_catalog.
function reportCharAsText<T>(result: T): T {
  for (const field of (result as PgResult)?.fields ?? [])
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID
  return result
}

function migrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 })
  const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown
  ;(pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const out = poolQuery(...args)
    return out instanceof Promise ? out.then(reportCharAsText) : out
  }
  pool.on('connect', (client) => {
    const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const out = clientQuery(...args)
      return out instanceof Promise ? out.then(reportCharAsText) : out
    }
  })
  return pool
}

async function adapterOn(pool: pg.Pool, onDispose: () => Promise<void>) {
  const adapter = await new PrismaPg(pool).connect()
  const raw = adapter as unknown as { onError: (e: unknown) => never }
  // adapter-pg splits scripts on ';', which breaks DO $$ … $$ blocks: send the script whole.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script)
    } catch (error) {
      raw.onError(error)
    }
  }
  adapter.dispose = onDispose
  return adapter
}

function migrationAdapterFactory(url: string) {
  return {
    provider: 'postgres' as const,
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const pool = migrationPool(url)
      return adapterOn(pool, () => pool.end())
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll('-', '')}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`CREATE DATABASE "${name}"`)
      const shadowUrl = new URL(url)
      shadowUrl.pathname = `/${name}`
      const pool = migrationPool(shadowUrl.toString())
      // Close the shadow pool before dropping its database ("being accessed by other users").
      return adapterOn(pool, async () => {
        await pool.end()
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      })
    },
  }
}

interface Engine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>
  diagnoseMigrationHistory(input: unknown): Promise<{
    editedMigrationNames: string[]
    failedMigrationNames: string[]
    hasMigrationsTable: boolean
    history: null | { diagnostic: string; [k: string]: unknown }
  }>
  reset(input: unknown): Promise<void>
  free(): void
}

let wasmLoaded = false
async function loadEngineModule() {
  const require = createRequire(import.meta.url)
  const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Record<string, unknown> & {
    __wbg_set_wasm: (exports: WebAssembly.Exports) => void
    SchemaEngine: { new: (options: unknown, log: (msg: string) => void, adapter: object) => Promise<Engine> }
  }
  if (!wasmLoaded) {
    // Node cannot import .wasm directly: instantiate it with the package's own glue.
    const wasmPath = join(
      require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/schema_engine_bg\.js$/, ''),
      'schema_engine_bg.wasm',
    )
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bg as WebAssembly.ModuleImports,
    })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    wasmLoaded = true
  }
  return bg.SchemaEngine
}

export interface Migrator {
  deploy(): Promise<string[]>
  /** SQL that takes the migrations to schema.prisma (empty when they agree). */
  pendingSchemaChange(): Promise<string>
  /** SQL that takes the live database to schema.prisma (empty when they agree). */
  liveDrift(): Promise<string>
  history(): ReturnType<Engine['diagnoseMigrationHistory']>
  reset(): Promise<void>
  close(): void
}

async function migrationsList() {
  const lockPath = join(migrationsDir, 'migration_lock.toml')
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null)
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => [])
  const dirs = []
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(join(migrationsDir, entry.name, 'migration.sql'), 'utf8')
      .then((value) => ({ tag: 'ok' as const, value }))
      .catch((error: Error) => ({ tag: 'error' as const, value: error.message }))
    dirs.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } })
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    migrationDirectories: dirs,
    shadowDbInitScript: '',
  }
}

function isEmptyScript(sql: string | null): boolean {
  return !sql || sql.split('\n').every((line) => !line.trim() || line.trim().startsWith('--'))
}

export async function openMigrator(ownerUrl: string): Promise<Migrator> {
  const SchemaEngine = await loadEngineModule()
  const schema = await readFile(schemaPath, 'utf8')
  const files = [{ path: schemaPath, content: schema }]
  const adapter = bindMigrationAwareSqlAdapterFactory(migrationAdapterFactory(ownerUrl) as never)
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter)
  return {
    async deploy() {
      const out = await engine.applyMigrations({ migrationsList: await migrationsList(), filters: NO_FILTER })
      return out.appliedMigrationNames
    },
    async pendingSchemaChange() {
      const list = await migrationsList()
      const from = list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' }
      const out = await engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      })
      return isEmptyScript(out.stdout) ? '' : out.stdout!
    },
    async liveDrift() {
      const out = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: root },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      })
      return isEmptyScript(out.stdout) ? '' : out.stdout!
    },
    async history() {
      return engine.diagnoseMigrationHistory({
        migrationsList: await migrationsList(),
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      })
    },
    async reset() {
      await engine.reset({ filter: NO_FILTER })
    },
    close() {
      engine.free()
    },
  }
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql; returns its folder name. */
export async function writeMigration(name: string, sql: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const folder = `${stamp}_${name.replace(/[^a-zA-Z0-9_]+/g, '_').toLowerCase()}`
  await mkdir(join(migrationsDir, folder), { recursive: true })
  await writeFile(join(migrationsDir, folder, 'migration.sql'), sql)
  await writeFile(
    join(migrationsDir, 'migration_lock.toml'),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., ' +
      'Git)\nprovider = "postgresql"\n',
  )
  return folder
}
