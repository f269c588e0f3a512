// npm run bench — does sign-in take the same time whether the account exists, waits for its first
// password (pending) or is active? Each case is a wrong password (the attacker's probe), measured
// through the production verifyCredentials on a fresh database, interleaved so the machine's load
// falls on all alike. Baseline in the same run: one scrypt password check on its own.
import { createPrismaClient } from '../server/db/client.ts'
import { databaseUrls } from '../server/db/urls.ts'
import { checkPassword, createPasswordHash } from '../server/lib/password.ts'
import { stats, table, withBenchDatabase } from './lib.ts'

const ROUNDS = Number(process.env.BENCH_SIGNIN_ROUNDS || 40)

async function main() {
  await withBenchDatabase(async (owner) => {
    const urls = databaseUrls({ DATABASE_URL: owner, DATABASE_ROLE_PASSWORD: process.env.DATABASE_ROLE_PASSWORD })
    process.env.DATABASE_APP_URL = urls.app
    process.env.DATABASE_PRIVILEGED_URL = urls.privileged
    const { verifyCredentials } = await import('../server/services/auth.ts')
    const { closeDatabases } = await import('../server/db/index.ts')
    const db = createPrismaClient(urls.privileged, { max: 2 })
    const hash = await createPasswordHash('the-right-password')
    await db.user.create({ data: { email: 'active@bench.example', name: 'Active', passwordHash: hash } })
    await db.user.create({ data: { email: 'pending@bench.example', name: 'Pending', passwordHash: '' } })
    const cases = {
      'unknown address': 'nobody@bench.example',
      'pending account (no password yet)': 'pending@bench.example',
      'active account, wrong password': 'active@bench.example',
    }
    const samples: Record<string, number[]> = { baseline: [] }
    for (const name of Object.keys(cases)) samples[name] = []
    for (let round = 0; round < ROUNDS + 3; round++) {
      for (const [name, email] of Object.entries(cases)) {
        await db.authThrottle.deleteMany({})
        const t = performance.now()
        await verifyCredentials(email, 'a-wrong-guess', `198.51.100.${round % 250}`).catch(() => null)
        if (round >= 3) samples[name]!.push(performance.now() - t)
      }
      const t = performance.now()
      await checkPassword(hash, 'a-wrong-guess')
      if (round >= 3) samples.baseline!.push(performance.now() - t)
    }
    const base = stats(samples.baseline!)
    table(
      `sign-in with a wrong password, ${ROUNDS} rounds (verifyCredentials: throttle reads, user lookup, scrypt, ` +
        `failure counters)`,
      [
        { name: 'baseline: one scrypt check (N=2^15) alone', p50: base.p50, p99: base.p99 },
        ...Object.keys(cases).map((name) => {
          const s = stats(samples[name]!)
          return { name, p50: s.p50, p99: s.p99, extra: `${(s.p50 / base.p50).toFixed(2)}× baseline` }
        }),
      ],
    )
    await db.$disconnect()
    await closeDatabases()
  })
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
