// Shared by the benchmarks: a fresh, migrated database on the embedded cluster (or DATABASE_URL's
// server) with the app roles, dropped afterwards; and latency statistics.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { provisionRoles, root, withClient, withDatabase } from '../scripts/lib/database.ts'
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts'
import { openMigrator } from '../scripts/lib/migrations.ts'

export async function withBenchDatabase<T>(work: (ownerUrl: string) => Promise<T>): Promise<T> {
  const cluster = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: join(root, '.data', 'test-postgres') })
  const server = process.env.DATABASE_URL ?? cluster!.url('postgres')
  const name = `omotenasu_bench_${randomBytes(3).toString('hex')}`
  await withClient(withDatabase(server, 'postgres'), (c) => c.query(`CREATE DATABASE "${name}"`))
  const owner = withDatabase(server, name)
  try {
    const migrator = await openMigrator(owner)
    await migrator.deploy()
    migrator.close()
    await provisionRoles(owner)
    return await work(owner)
  } finally {
    await withClient(withDatabase(server, 'postgres'), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    await cluster?.stop()
  }
}

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const total = samples.reduce((a, b) => a + b, 0)
  return {
    opsPerSec: Math.round((samples.length / total) * 1000),
    p50: pick(0.5),
    p99: pick(0.99),
    mean: total / samples.length,
  }
}

export function table(title: string, rows: { name: string; p50: number; p99: number; extra?: string }[], unit = 'ms') {
  console.log(`\n${title}`)
  console.log(`${'case'.padEnd(70)} ${`p50 ${unit}`.padStart(10)} ${`p99 ${unit}`.padStart(10)}`)
  for (const r of rows)
    console.log(
      `${r.name.padEnd(70)} ${r.p50.toFixed(1).padStart(10)} ` +
        `${r.p99.toFixed(1).padStart(10)}${r.extra ? `  ${r.extra}` : ''}`,
    )
}

/** Merges one bench's figures into bench/results.json, with the machine they were measured on. */
export function recordResults(section: string, figures: unknown) {
  const file = join(root, 'bench', 'results.json')
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${platform()} ${release()}`,
  }
  const next = { ...current, machine, [section]: { measuredAt: new Date().toISOString(), ...(figures as object) } }
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`)
}
