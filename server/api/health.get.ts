// GET /api/health — database reachability and whether every migration in the build is applied
import { privilegedDb } from '../db/index'
import { expectedMigrations } from '../lib/migrations-manifest'

export default defineEventHandler(async (event) => {
  const started = performance.now()
  try {
    const rows = await privilegedDb().$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
    const applied = new Set(rows.map((r) => r.migration_name))
    const expected = await expectedMigrations()
    const pending = expected.filter((m) => !applied.has(m))
    const ok = pending.length === 0
    setResponseStatus(event, ok ? 200 : 503)
    return {
      status: ok ? 'ok' : 'migrations_pending',
      database: { reachable: true, latencyMs: Math.round(performance.now() - started) },
      migrations: { current: ok, expected: expected.length, pending },
    }
  } catch (error) {
    setResponseStatus(event, 503)
    return {
      status: 'database_unreachable',
      database: { reachable: false, error: (error as Error).message.split('\n')[0] },
      migrations: { current: false },
    }
  }
})
