// Monthly rank evaluation and territories on a real database.
import { describe, expect, it } from 'vitest'
import { assertTerritoryClaim, evaluateAgentRanks } from '../../server/services/agents'
import { runJobOnce } from '../../server/services/jobs'
import { DomainError } from '../../server/lib/errors'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

/** An agent whose referred hotel had `monthlyFee` attributable in each of the given months. */
async function agentWithSales(
  rank: 'bronze' | 'gold' | 'diamond',
  monthlyFee: number,
  months: string[],
  extra: { territory?: string; monthsBelow?: number } = {},
) {
  const agent = await db.privileged.agent.create({
    data: {
      companyName: uniq('Agent'),
      contactName: 'A',
      email: `${uniq('a')}@x.example`,
      rank,
      territory: extra.territory,
      monthsBelowRequirement: extra.monthsBelow ?? 0,
    },
  })
  const user = await db.privileged.user.create({
    data: { email: `${uniq('u')}@x.example`, name: 'U', passwordHash: 'x', agentId: agent.id },
  })
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_ENTERPRISE' } })
  const tenant = await db.privileged.tenant.create({
    data: { slug: uniq('t'), name: 'T', planId: plan.id, contractStartDate: new Date('2025-01-01') },
  })
  const referral = await db.privileged.referral.create({
    data: {
      code: uniq('R'),
      referrerType: 'agent',
      referrerAgentId: agent.id,
      referredTenantId: tenant.id,
      status: 'converted',
    },
  })
  for (const [i, month] of months.entries()) {
    await db.privileged.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date(`${month}-01`),
        contractMonth: i + 1,
        feeAttributable: monthlyFee,
        rateBps: 2000,
        amount: Math.floor(monthlyFee / 5),
      },
    })
  }
  return { agent, user }
}

const last12 = Array.from(
  { length: 12 },
  (_, i) => `${i < 1 ? 2025 : 2026}-${String(((11 + i) % 12) + 1).padStart(2, '0')}`,
) // 2025-12 … 2026-11

describe('monthly rank evaluation', () => {
  const now = new Date('2026-12-01T03:00:00+09:00') // evaluates 2025-12 … 2026-11

  it('promotes to the highest rank met, records why, and tells the agent', async () => {
    const { agent, user } = await agentWithSales('bronze', 1_000_000, last12) // ¥12,000,000 → gold
    await db.privileged.$transaction((tx) => evaluateAgentRanks(tx, now))
    expect(await db.privileged.agent.findUnique({ where: { id: agent.id } })).toMatchObject({
      rank: 'gold',
      monthsBelowRequirement: 0,
    })
    const change = await db.privileged.agentRankChange.findFirstOrThrow({ where: { agentId: agent.id } })
    expect(change).toMatchObject({
      fromRank: 'bronze',
      toRank: 'gold',
      kind: 'evaluation',
      evaluatedMonth: '2026-11',
      annualSales: 12_000_000,
    })
    expect(change.reason).toMatch(/12,000,000/)
    expect(await db.privileged.notification.count({ where: { userId: user.id, kind: 'agent_rank_changed' } })).toBe(1)
  })

  it(`demotes one rank only after two consecutive months below, and leaving diamond releases the \
territory`, async () => {
    // ¥4.8M: below gold (¥10M), above silver (¥3M)
    const { agent: gold } = await agentWithSales('gold', 400_000, last12)
    const territory = '京都府'
    await db.privileged.agent.updateMany({ where: { territory }, data: { territory: null } })
    const { agent: diamond } = await agentWithSales('diamond', 100, last12, { territory, monthsBelow: 1 })
    await db.privileged.$transaction((tx) => evaluateAgentRanks(tx, now))
    expect(await db.privileged.agent.findUnique({ where: { id: gold.id } })).toMatchObject({
      rank: 'gold',
      monthsBelowRequirement: 1,
    })
    expect(await db.privileged.agent.findUnique({ where: { id: diamond.id } })).toMatchObject({
      rank: 'platinum',
      territory: null,
      monthsBelowRequirement: 0,
    })
    await db.privileged.$transaction((tx) => evaluateAgentRanks(tx, new Date('2027-01-01T03:00:00+09:00')))
    expect(await db.privileged.agent.findUnique({ where: { id: gold.id } })).toMatchObject({
      rank: 'silver',
      monthsBelowRequirement: 0,
    })
  })

  it('runs once per month across instances; a manual rerun of an evaluated month changes nothing', async () => {
    const later = new Date('2027-03-01T03:00:00+09:00')
    const { agent } = await agentWithSales('gold', 0, [], { monthsBelow: 0 })
    const key = uniq('month')
    const first = await runJobOnce(db.privileged, 'ranks-test', key, (tx) => evaluateAgentRanks(tx, later))
    const second = await runJobOnce(db.privileged, 'ranks-test', key, (tx) => evaluateAgentRanks(tx, later))
    expect(first).toMatchObject({ status: 'ran' })
    expect(second.status).toBe('already_done')
    const manual = await runJobOnce(db.privileged, 'ranks-test', uniq('manual'), (tx) => evaluateAgentRanks(tx, later))
    expect(manual).toMatchObject({ status: 'ran' })
    expect(await db.privileged.agent.findUnique({ where: { id: agent.id } })).toMatchObject({
      rank: 'gold',
      monthsBelowRequirement: 1,
      lastEvaluatedMonth: '2027-02',
    })
  })
})

describe('territories', () => {
  it('only a diamond agent holds one, and a second claim names the holder', async () => {
    const territory = '沖縄県'
    await db.privileged.agent.updateMany({ where: { territory }, data: { territory: null } })
    const { agent: holder } = await agentWithSales('diamond', 0, [])
    const { agent: rival } = await agentWithSales('diamond', 0, [])
    const { agent: gold } = await agentWithSales('gold', 0, [])
    await db.privileged.$transaction(async (tx) => {
      await assertTerritoryClaim(tx, holder.id, territory)
      await tx.agent.update({ where: { id: holder.id }, data: { territory } })
    })
    const claim = (id: string) =>
      db.privileged.$transaction((tx) => assertTerritoryClaim(tx, id, territory)).catch((e: unknown) => e)
    const second = await claim(rival.id)
    expect(second).toBeInstanceOf(DomainError)
    expect((second as DomainError).message).toContain(holder.companyName)
    expect(((await claim(gold.id)) as DomainError).message).toMatch(/Only a diamond agent/)
    // The database refuses a second holder even if the check were skipped.
    await expect(db.privileged.agent.update({ where: { id: rival.id }, data: { territory } })).rejects.toMatchObject({
      code: 'P2002',
    })
  })
})
