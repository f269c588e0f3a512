// PostgreSQL writes its log (every statement error with its statement) to a pipe that the process
// which started the embedded cluster reads. When that process stopped reading (it ran vitest with
// spawnSync), the pipe filled after some hundred errors and from then on every statement that
// failed hung its backend: tests timed out one after another, 30 s each. This fills the pipe many
// times over, then asks for one more error and expects it back at once.
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ownerUrl } from '../helpers/db'

const PIPE_BYTES = 64 * 1024

describe("PostgreSQL's log", () => {
  it('never stalls the database: after several pipes full of logged errors, an error still comes back', async () => {
    const client = new pg.Client({ connectionString: ownerUrl() })
    await client.connect()
    try {
      const padding = `/* ${'x'.repeat(1_000)} */`
      const statement = `SELECT $1::int ${padding}`
      let failed = 0
      for (let i = 0; failed * statement.length < 4 * PIPE_BYTES; i++) {
        await client.query(statement, [`not a number ${i}`]).catch(() => failed++)
      }
      expect(failed).toBeGreaterThan(200)
      const last = await Promise.race([
        client.query(statement, ['still not a number']).then(
          () => 'answered',
          (e: Error) => e.message,
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 10 s'), 10_000)),
      ])
      expect(last).toMatch(/invalid input syntax for type integer/)
    } finally {
      // A stalled backend never answers `end`: do not wait for it.
      void client.end().catch(() => {})
    }
  })
})
