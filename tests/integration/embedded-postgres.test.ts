// The embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset, started the way a second
// checkout or a clone in root's private home folder starts it: on a taken port it picks a free one,
// and when the postgres user cannot enter the checkout its data goes where that user can reach.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startEmbeddedPostgres,
  unreachableAncestor,
  type EmbeddedPostgresHandle,
} from '../../scripts/lib/embedded-postgres'

const asRoot = userInfo().uid === 0
let scratch = ''
const started: EmbeddedPostgresHandle[] = []

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'omotenasu-embedded-'))
  await chmod(scratch, 0o755) // mkdtemp makes it 700; the cases below close folders on purpose
})

afterAll(async () => {
  for (const cluster of started) await cluster.stop()
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

describe('embedded PostgreSQL start-up', () => {
  it('uses a free port, and says which, when the one asked for is taken', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res))
    const taken = (blocker.address() as { port: number }).port
    const notices: string[] = []
    try {
      const cluster = await startEmbeddedPostgres({
        dataDir: join(scratch, 'second-checkout', '.data', 'postgres'),
        port: taken,
        notice: (line) => notices.push(line),
      })
      started.push(cluster)
      expect(cluster.port).not.toBe(taken)
      expect(notices).toEqual([expect.stringContaining(`port ${taken} is taken`)])
      expect(notices[0]).toContain(String(cluster.port))
      expect(await selectOne(cluster.url('postgres'))).toBe(1)
    } finally {
      await new Promise((res) => blocker.close(res))
    }
  })

  it('finds the first folder others cannot enter', async () => {
    const closed = join(scratch, 'closed')
    await mkdir(join(closed, 'checkout'), { recursive: true })
    await chmod(closed, 0o700)
    expect(unreachableAncestor(join(closed, 'checkout', '.data'))).toBe(closed)
    expect(unreachableAncestor(join(scratch, 'second-checkout'))).toBeNull()
  })

  it.skipIf(!asRoot)('keeps the data where the postgres user can reach it when the checkout is private', async () => {
    const home = join(scratch, 'root-home') // like /root: mode 700
    const dataDir = join(home, 'clone', '.data', 'postgres')
    await mkdir(join(home, 'clone'), { recursive: true })
    await chmod(home, 0o700)
    const fallbackRoot = join(scratch, 'var-tmp', 'omotenasuai-postgres')
    const notices: string[] = []
    const first = await startEmbeddedPostgres({ dataDir, fallbackRoot, notice: (line) => notices.push(line) })
    started.push(first)
    expect(first.dataDir.startsWith(fallbackRoot)).toBe(true)
    expect(existsSync(join(first.dataDir, 'PG_VERSION'))).toBe(true)
    expect(notices).toEqual([expect.stringContaining(`cannot enter ${home}`)])
    expect(await selectOne(first.url('postgres'))).toBe(1)

    // The same checkout finds its stand-in again (here: the running cluster on it).
    const again = await startEmbeddedPostgres({ dataDir, fallbackRoot, notice: () => {} })
    expect(again.dataDir).toBe(first.dataDir)
    expect(again.port).toBe(first.port)
  })
})
