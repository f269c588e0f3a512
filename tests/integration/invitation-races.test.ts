// Invitations under concurrency, against the real database: the interleavings are forced with a
// row lock, so each test is deterministic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { privilegedDb, tenantDb } from '../../server/db/index'
import { hashToken, newToken } from '../../server/lib/tokens'
import { acceptInvitation, revokeHotelInvitation } from '../../server/services/invitations'
import { SYSTEM_ACTOR } from '../../server/services/audit'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
let tenantId = ''
beforeAll(async () => {
  const plan = await db.privileged.subscriptionPlan.findFirstOrThrow()
  tenantId = (
    await db.privileged.tenant.create({
      data: {
        slug: uniq('race'),
        name: 'Race Inn',
        planId: plan.id,
        billingCycle: 'monthly',
        contractStartDate: new Date('2026-11-01'),
      },
    })
  ).id
})
afterAll(async () => {
  await privilegedDb().$disconnect()
})

/** Waits until `n` backends wait for a lock (pg_locks: the app role's backends are not in pg_stat_activity's view). */
async function lockWaiters(n: number) {
  for (let i = 0; i < 200; i++) {
    const [row] = await db.privileged.$queryRaw<
      { n: number }[]
    >`SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted`
    if (row!.n >= n) return
    await new Promise((r) => setTimeout(r, 20))
  }
  const rows = await db.privileged.$queryRaw<
    object[]
  >`SELECT usename, state, wait_event_type, wait_event, left(query, 120) AS q FROM pg_stat_activity WHERE datname =
    current_database()`
  throw new Error(`never saw ${n} lock waiters: ${JSON.stringify(rows)}`)
}

describe('accept and withdraw at once', () => {
  it(`a withdrawal that loses the race to an acceptance reports it, instead of marking an accepted invitation \
withdrawn`, async () => {
    const email = `${uniq('racer')}@test.example`
    const user = await db.privileged.user.create({ data: { email, name: 'Racer', passwordHash: '' } })
    const token = newToken()
    const invitation = await db.privileged.invitation.create({
      data: {
        tenantId,
        email,
        name: 'Racer',
        role: 'manager',
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    })

    // Hold the invitation's row; the acceptance queues first, then the withdrawal (which has already seen it open).
    let release!: () => void
    const held = new Promise<void>((r) => {
      release = r
    })
    const holder = db.privileged.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM invitations WHERE id = ${invitation.id} FOR UPDATE`
        await held
      },
      { timeout: 20_000 },
    )
    await new Promise((r) => setTimeout(r, 100))
    const accept = acceptInvitation({ token }, tenantId, { id: user.id, email }, '192.0.2.1').then(
      () => 'accepted',
      (e: Error) => e.message,
    )
    await lockWaiters(1)
    const revoke = revokeHotelInvitation(tenantDb(tenantId), 'owner', invitation.id, SYSTEM_ACTOR).then(
      () => 'withdrawn',
      (e: { kind?: string; message?: string }) => e.kind ?? e.message,
    )
    await Promise.race([
      lockWaiters(2),
      revoke.then((r) => {
        throw new Error(`withdrawal finished early: ${r}`)
      }),
    ])
    release()
    await holder
    const outcomes = await Promise.all([accept, revoke])

    const row = await db.privileged.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    const member = await db.privileged.tenantMembership.findUnique({
      where: { tenantId_userId: { tenantId, userId: user.id } },
    })
    expect(outcomes[0]).toBe('accepted')
    expect(member).not.toBeNull()
    expect(outcomes[1]).toBe('not_found') // not "withdrawn": the person is a member
    expect(row.revokedAt).toBeNull()
  })
})

describe('two acceptances at once', () => {
  it('one wins; the other is refused and creates no second account', async () => {
    const email = `${uniq('twice')}@test.example`
    const token = newToken()
    await db.privileged.invitation.create({
      data: {
        tenantId,
        email,
        name: 'Twice',
        role: 'staff',
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    })
    const outcomes = await Promise.all(
      [1, 2].map((i) =>
        acceptInvitation({ token, password: `chosen-password-${i}` }, tenantId, null, '192.0.2.2').then(
          () => 'accepted',
          (e: { kind?: string; message?: string }) => e.kind ?? e.message,
        ),
      ),
    )
    expect(outcomes.sort()).toEqual(['accepted', 'invalid'])
    expect(await db.privileged.user.count({ where: { email } })).toBe(1)
  })
})
