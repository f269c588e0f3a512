// Ranks over time against the real set-based commission job: the rate of a month is the margin of
// the rank in force in that month, whenever the invoice is paid and whenever the job runs.
import { describe, expect, it } from 'vitest'
import { evaluateAgentRanks, overrideRank } from '../../server/services/agents'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import { DomainError } from '../../server/lib/errors'
import { rankInForce } from '../../shared/domain/referrals'
import { uniq, useIntegrationDb } from '../helpers/db'
import { userActor } from '../../server/services/audit'

const db = useIntegrationDb()

async function agent(rank: 'bronze' | 'gold', monthsBelow = 0) {
  return db.privileged.agent.create({
    data: {
      companyName: uniq('Agent'),
      contactName: 'A',
      email: `${uniq('a')}@x.example`,
      rank,
      monthsBelowRequirement: monthsBelow,
    },
  })
}

/** A Professional hotel (¥128,000 a month) the agent brought in, contract from `start`. */
async function professionalHotel(agentId: string, start: string) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_PROFESSIONAL' } })
  expect(plan.monthlyPrice).toBe(128_000)
  const tenant = await db.privileged.tenant.create({
    data: { slug: uniq('pro'), name: 'Pro', planId: plan.id, contractStartDate: new Date(start) },
  })
  const referral = await db.privileged.referral.create({
    data: { code: uniq('R'), referrerType: 'agent', referrerAgentId: agentId, referredTenantId: tenant.id },
  })
  const invoices = new Map<string, string>()
  return {
    tenant,
    referral,
    /** Issues the month's invoice (period start YYYY-MM-01). */
    issue: async (month: string) => {
      invoices.set(month, (await issueInvoice(db.privileged, tenant, plan, 'monthly', `${month}-01`)).id)
    },
    pay: (month: string, paidAt: string) =>
      db.privileged.$transaction((tx) =>
        recordPayment(tx, tenant.id, invoices.get(month)!, { method: 'manual', paidAt: new Date(paidAt) }),
      ),
  }
}

/** Ledger rows recorded for a referral: [month, rate bps, amount]. */
const ledger = async (referralId: string) =>
  (await db.privileged.referralPayment.findMany({ where: { referralId }, orderBy: { paymentMonth: 'asc' } })).map(
    (p) => [p.paymentMonth.toISOString().slice(0, 7), p.rateBps, p.amount],
  )

const job = (now: string) => db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date(now)))

describe('commissions use the rank in force in the month billed', () => {
  it(`a March invoice paid in April after a promotion to gold pays bronze: ¥25,600, not ¥38,400 (issue \
10)`, async () => {
    const a = await agent('bronze')
    // ¥1,000,000 attributable in each of 2025-04 … 2026-03 through another hotel: ¥12M meets gold.
    const other = await professionalHotel(a.id, '2025-04-01')
    await db.privileged.referral.update({ where: { id: other.referral.id }, data: { status: 'converted' } })
    for (let i = 0; i < 12; i++) {
      const month = new Date(Date.UTC(2025, 3 + i, 1))
      await db.privileged.referralPayment.create({
        data: {
          tenantId: other.tenant.id,
          referralId: other.referral.id,
          paymentMonth: month,
          contractMonth: i + 1,
          feeAttributable: 1_000_000,
          rateBps: 2_000,
          amount: 200_000,
        },
      })
    }
    const hotel = await professionalHotel(a.id, '2026-03-01')
    await hotel.issue('2026-03')

    // 1 April: the evaluation promotes the agent to gold, effective from May.
    await db.privileged.$transaction((tx) =>
      evaluateAgentRanks(tx, new Date('2026-04-01T03:00:00+09:00'), { agentIds: [a.id] }),
    )
    expect((await db.privileged.agent.findUniqueOrThrow({ where: { id: a.id } })).rank).toBe('gold')
    expect(await db.privileged.agentRankChange.findFirstOrThrow({ where: { agentId: a.id } })).toMatchObject({
      fromRank: 'bronze',
      toRank: 'gold',
      evaluatedMonth: '2026-03',
      effectiveMonth: '2026-05',
    })

    // The March invoice is paid on 10 April; the job runs on 20 April.
    await hotel.pay('2026-03', '2026-04-10T02:00:00Z')
    await job('2026-04-20T03:00:00Z')
    expect(await ledger(hotel.referral.id)).toEqual([['2026-03', 2_000, 25_600]])

    // April (the month of the evaluation) is still bronze; May is gold, even when both are paid late.
    await hotel.issue('2026-04')
    await hotel.issue('2026-05')
    await hotel.pay('2026-04', '2026-06-03T02:00:00Z')
    await hotel.pay('2026-05', '2026-06-03T02:00:00Z')
    await job('2026-06-05T03:00:00Z')
    expect(await ledger(hotel.referral.id)).toEqual([
      ['2026-03', 2_000, 25_600],
      ['2026-04', 2_000, 25_600],
      ['2026-05', 3_000, 38_400],
    ])

    // A rerun months later, with the agent's rank long changed, records nothing new or different.
    await job('2026-09-01T03:00:00Z')
    expect(await ledger(hotel.referral.id)).toEqual([
      ['2026-03', 2_000, 25_600],
      ['2026-04', 2_000, 25_600],
      ['2026-05', 3_000, 38_400],
    ])
  })

  it('a demotion pays the old rank until the month after the evaluation', async () => {
    const a = await agent('gold', 1) // already one evaluation below gold's requirement
    const hotel = await professionalHotel(a.id, '2026-05-01')
    await db.privileged.$transaction((tx) =>
      evaluateAgentRanks(tx, new Date('2026-05-01T03:00:00+09:00'), { agentIds: [a.id] }),
    )
    const change = await db.privileged.agentRankChange.findFirstOrThrow({ where: { agentId: a.id } })
    expect(change).toMatchObject({ fromRank: 'gold', toRank: 'silver', effectiveMonth: '2026-06' })
    await hotel.issue('2026-05')
    await hotel.issue('2026-06')
    await hotel.pay('2026-05', '2026-06-20T02:00:00Z')
    await hotel.pay('2026-06', '2026-06-20T02:00:00Z')
    await job('2026-06-25T03:00:00Z')
    expect(await ledger(hotel.referral.id)).toEqual([
      ['2026-05', 3_000, 38_400],
      ['2026-06', 2_500, 32_000],
    ])
  })

  it('an HQ override takes effect from the month HQ names, not before; a past month is refused', async () => {
    const a = await agent('bronze')
    const hq = await db.privileged.user.create({
      data: { email: `${uniq('hq')}@x.example`, name: 'HQ', passwordHash: 'x', isHqAdmin: true },
    })
    const hotel = await professionalHotel(a.id, '2026-06-01')
    const now = new Date('2026-06-10T10:00:00+09:00')
    await expect(
      overrideRank(a.id, 'platinum', 'Strategic partner', userActor(hq.id), '2026-05', now),
    ).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.kind === 'invalid' && e.code === 'rank_override_past_month',
    )
    await overrideRank(a.id, 'platinum', 'Strategic partner', userActor(hq.id), '2026-07', now)
    expect(await db.privileged.agentRankChange.findFirstOrThrow({ where: { agentId: a.id } })).toMatchObject({
      kind: 'override',
      fromRank: 'bronze',
      toRank: 'platinum',
      effectiveMonth: '2026-07',
      actorUserId: hq.id,
    })
    for (const m of ['2026-06', '2026-07', '2026-08']) await hotel.issue(m)
    for (const m of ['2026-06', '2026-07', '2026-08']) await hotel.pay(m, '2026-08-05T02:00:00Z')
    await job('2026-08-10T03:00:00Z')
    expect(await ledger(hotel.referral.id)).toEqual([
      ['2026-06', 2_000, 25_600],
      ['2026-07', 3_500, 44_800],
      ['2026-08', 3_500, 44_800],
    ])

    // The SQL and the pure rule agree on every month.
    const history = await db.privileged.agentRankChange.findMany({ where: { agentId: a.id } })
    expect(['2026-06', '2026-07', '2026-08'].map((m) => rankInForce('platinum', history, m))).toEqual([
      'bronze',
      'platinum',
      'platinum',
    ])
  })

  it("a change of a rank's margins leaves recorded commissions as they are", async () => {
    const a = await agent('bronze')
    const hotel = await professionalHotel(a.id, '2026-09-01')
    await hotel.issue('2026-09')
    await hotel.pay('2026-09', '2026-09-02T02:00:00Z')
    await job('2026-09-03T03:00:00Z')
    const before = await db.privileged.referralPayment.findMany({ where: { referralId: hotel.referral.id } })
    expect(before.map((p) => [p.rateBps, p.amount])).toEqual([[2_000, 25_600]])
    const bronze = await db.privileged.agentRankSetting.findUniqueOrThrow({ where: { rank: 'bronze' } })
    try {
      await db.privileged.agentRankSetting.update({ where: { rank: 'bronze' }, data: { firstYearMarginBps: 2_200 } })
      await job('2026-09-04T03:00:00Z')
      expect(await db.privileged.referralPayment.findMany({ where: { referralId: hotel.referral.id } })).toEqual(before)
      // The next month is recorded at the new margin.
      await hotel.issue('2026-10')
      await hotel.pay('2026-10', '2026-10-02T02:00:00Z')
      await job('2026-10-03T03:00:00Z')
      expect(await ledger(hotel.referral.id)).toEqual([
        ['2026-09', 2_000, 25_600],
        ['2026-10', 2_200, 28_160],
      ])
    } finally {
      await db.privileged.agentRankSetting.update({
        where: { rank: 'bronze' },
        data: { firstYearMarginBps: bronze.firstYearMarginBps },
      })
    }
  })
})
