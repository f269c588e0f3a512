// GET /api/health's work: is the database reachable, and is every migration of this build applied?
// It answers within a few seconds whatever the database does: a database that is stopped or does not
// answer is reported as `database.status: 'down'` (503), never as a hang.
import { privilegedDb } from '../db/index.ts'
import { expectedMigrations } from '../lib/migrations-manifest.ts'

const HEALTH_TIMEOUT_MS = 3_000

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export async function databaseHealth() {
  const started = performance.now()
  try {
    const rows = await within(
      HEALTH_TIMEOUT_MS,
      privilegedDb().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    const applied = new Set(rows.map((r) => r.migration_name))
    const expected = await expectedMigrations()
    const pending = expected.filter((m) => !applied.has(m))
    const ok = pending.length === 0
    return {
      status: ok ? ('ok' as const) : ('migrations_pending' as const),
      database: { status: 'up' as const, reachable: true, latencyMs: Math.round(performance.now() - started) },
      migrations: { current: ok, expected: expected.length, pending },
    }
  } catch (error) {
    return {
      status: 'database_unreachable' as const,
      database: {
        status: 'down' as const,
        reachable: false,
        error: (error as Error).message.trim().split('\n').at(-1),
      },
      migrations: { current: false },
    }
  }
}
