// Two app instances behind nginx (round-robin) on one PostgreSQL through PgBouncer (transaction
// pooling): what they must share. Run by `npm run test:cluster` (scripts/test-cluster.ts), which
// sets TEST_INSTANCE_PORTS to the instances' own ports so each step can pick the instance it needs.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { e2eDb } from '../helpers/e2e-db'
import { Client, rootHost } from '../helpers/http'

const db = e2eDb()
afterAll(async () => {
  await db.$disconnect()
})

const [first, second] = (process.env.TEST_INSTANCE_PORTS ?? '').split(',').map(Number)
if (!first || !second) throw new Error('TEST_INSTANCE_PORTS is not set: run `npm run test:cluster`.')

/** A client of one instance (bypassing nginx), sharing cookies with `from` when given. */
function on(port: number, from?: Client): Client {
  const c = new Client(rootHost(), from?.forwardedFor)
  c.port = port
  if (from) c.cookies = from.cookies
  return c
}

const randomAddress = () => `198.18.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`

describe('two instances behind nginx', () => {
  it('requests alternate between the instances', async () => {
    const c = new Client(rootHost())
    const seen: string[] = []
    for (let i = 0; i < 10; i++) {
      const res = await c.get('/api/health')
      expect(res.status).toBe(200)
      seen.push(String(res.headers['x-instance']))
    }
    expect(new Set(seen)).toEqual(new Set(['app-1', 'app-2']))
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1])
  })

  it('each instance says who it is', async () => {
    expect((await on(first).get('/api/health')).headers['x-instance']).toBe('app-1')
    expect((await on(second).get('/api/health')).headers['x-instance']).toBe('app-2')
  })

  it('a session made on one instance works on the other, and sign-out on one is honoured by the other', async () => {
    const one = on(first)
    await one.signIn('hq@omotenasu.example', 'hq')
    const two = on(second, one)
    const me = await two.get('/api/v1/auth/me')
    expect(me.status).toBe(200)
    expect(me.headers['x-instance']).toBe('app-2')
    const kept = new Map(one.cookies) // the signed-out cookie, replayed
    expect((await two.post('/api/v1/auth/sign-out')).status).toBe(200)
    const replay = on(first)
    replay.cookies = kept
    expect((await replay.get('/api/v1/auth/me')).status).toBe(401)
  })

  it('a sign-in throttle triggered through one instance is seen on the other', async () => {
    const attacker = on(first)
    attacker.forwardedFor = randomAddress()
    for (let i = 0; i < 20; i++)
      await attacker.post('/api/v1/auth/sign-in', { email: `nobody-${i}@test.example`, password: 'x', portal: 'hq' })
    const other = on(second, attacker)
    const res = await other.post('/api/v1/auth/sign-in', {
      email: 'hq@omotenasu.example',
      password: 'omotenasu-demo',
      portal: 'hq',
    })
    expect(res.headers['x-instance']).toBe('app-2')
    expect(res.status).toBe(429)
  })

  it('a job fired on both instances at once for the same period runs exactly once', async () => {
    const hq = on(first)
    await hq.signIn('hq@omotenasu.example', 'hq')
    const period = `cluster-${randomUUID()}`
    type Reply = { instance: string; outcome: { status: string } }
    const fire = () => Promise.all([first, second].map((p) => on(p, hq).post<Reply>('/api/cluster/job', { period })))
    const both = await fire()
    for (const r of both) expect(r.status).toBe(200)
    expect(both.map((r) => r.body.instance).sort()).toEqual(['app-1', 'app-2'])
    const statuses = both.map((r) => r.body.outcome.status).sort()
    expect(statuses).toContain('ran')
    expect(statuses.filter((s) => s === 'ran')).toHaveLength(1)
    const again = await fire()
    // Done for that period: nobody runs it again (the one that checks second may still find it 'busy').
    for (const r of again) expect(['already_done', 'busy']).toContain(r.body.outcome.status)
    expect(again.map((r) => r.body.outcome.status)).toContain('already_done')
    const runs = await db.jobRun.findMany({ where: { job: 'cluster-probe', periodKey: period } })
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempts: 1 })
  })
})
