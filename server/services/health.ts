// GET /api/health's work: is the database reachable, and is every migration of this build applied?
import { privilegedDb } from '../db/index.ts'
import { expectedMigrations } from '../lib/migrations-manifest.ts'

export async function databaseHealth() {
  const started = performance.now()
  try {
    const rows = await privilegedDb().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
    const applied = new Set(rows.map((r) => r.migration_name))
    const expected = await expectedMigrations()
    const pending = expected.filter((m) => !applied.has(m))
    const ok = pending.length === 0
    return {
      status: ok ? ('ok' as const) : ('migrations_pending' as const),
      database: { reachable: true, latencyMs: Math.round(performance.now() - started) },
      migrations: { current: ok, expected: expected.length, pending },
    }
  } catch (error) {
    return {
      status: 'database_unreachable' as const,
      database: { reachable: false, error: (error as Error).message.split('\n')[0] },
      migrations: { current: false },
    }
  }
}
