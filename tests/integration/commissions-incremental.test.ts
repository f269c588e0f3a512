// The incremental commission job against a from-scratch recompute on the same data: seven months
// of daily runs with a late-paid invoice, a yearly invoice whose months come due one by one, a
// referral converted after its invoices were paid, a rank change with its effective month, a
// refund and a cancelled referral. After every run a full recompute finds nothing missing; at the
// end the ledger equals a recompute from an empty ledger; a run twice or two at once add nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import { runJobOnce } from '../../server/services/jobs'
import { refundInvoice } from '../../server/services/refunds'
import type { PrismaClient } from '../../server/db/client'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'

let db: ReturnType<typeof testClients>
beforeAll(async () => {
  db = testClients()
  await ensureCatalogue(db.privileged)
})
afterAll(async () => {
  await db.close()
})

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
class Rollback extends Error {}
/** Runs `work` in a transaction that is always rolled back, and returns what it computed. */
async function inRollback<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined
  await db.privileged
    .$transaction(async (tx) => {
      result = await work(tx)
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return result as T
}

const at = (day: string) => new Date(`${day}T03:00:00Z`) // 12:00 in Tokyo

describe('incremental commission job', () => {
  it('keeps the exact ledger of a from-scratch recompute, day after day', async () => {
    const p = db.privileged
    const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const agent = await p.agent.create({
      data: { companyName: 'Rising Co', contactName: 'R', email: `${uniq('r')}@x.example`, rank: 'bronze' },
    })
    const hotel = (name: string, start = '2026-01-15') =>
      p.tenant.create({ data: { slug: uniq(name), name, planId: plan.id, contractStartDate: new Date(start) } })
    const referrer = await hotel('referrer')
    const [monthly, yearly, late, refunded] = [
      await hotel('monthly'),
      await hotel('yearly', '2026-02-15'),
      await hotel('late'),
      await hotel('refunded'),
    ]
    const byAgent = (tenantId: string) =>
      p.referral.create({
        data: { code: uniq('C'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: tenantId },
      })
    const referrals = {
      monthly: await byAgent(monthly.id),
      yearly: await byAgent(yearly.id),
      refunded: await byAgent(refunded.id),
    }
    const invoices = new Map<string, string>()
    const issue = async (tenant: typeof monthly, start: string, cycle: 'monthly' | 'yearly' = 'monthly') => {
      const invoice = await issueInvoice(p, tenant, plan, cycle, start)
      invoices.set(`${tenant.name}:${start}`, invoice.id)
      return invoice
    }
    const pay = async (tenant: typeof monthly, start: string, paidOn: string, cycle?: 'yearly') => {
      const id = invoices.get(`${tenant.name}:${start}`) ?? (await issue(tenant, start, cycle)).id
      await p.$transaction((tx) => recordPayment(tx, tenant.id, id, { method: 'manual', paidAt: at(paidOn) }))
    }
    const extra: string[] = []
    const mine = () => [...Object.values(referrals).map((r) => r.id), ...extra]

    const ledger = (tx: Tx) =>
      tx.referralPayment
        .findMany({
          where: { referralId: { in: mine() }, status: { not: 'cancelled' }, referral: { status: 'converted' } },
          orderBy: [{ referralId: 'asc' }, { paymentMonth: 'asc' }],
        })
        .then((rows) =>
          rows.map((r) => [
            r.referralId,
            r.paymentMonth.toISOString().slice(0, 7),
            r.contractMonth,
            r.feeAttributable,
            r.rateBps,
            r.amount,
          ]),
        )
    const count = (tx: Tx = p) => tx.referralPayment.count({ where: { referralId: { in: mine() } } })
    /** The incremental run of that day, then: a full recompute on top of it adds nothing. */
    const runOn = async (day: string) => {
      const outcome = await runJobOnce(p, 'commissions-incremental-test', uniq(day), (tx) =>
        recordDueCommissions(tx, at(day)),
      )
      expect(outcome.status).toBe('ran')
      const missed = await inRollback(async (tx) => {
        const before = await count(tx)
        await recordDueCommissions(tx, at(day), { full: true })
        return (await count(tx)) - before
      })
      expect(missed, `a full recompute on ${day} finds rows the incremental run missed`).toBe(0)
    }

    // January and February: monthly hotels pay on time; the yearly hotel pays a year in February.
    for (const h of [monthly, late, refunded]) await pay(h, '2026-01-15', '2026-01-15')
    await runOn('2026-01-20')
    for (const h of [monthly, late, refunded]) await pay(h, '2026-02-15', '2026-02-15')
    await pay(yearly, '2026-02-15', '2026-02-16', 'yearly')
    await runOn('2026-02-20')
    // March: the "late" hotel's referral is created and converted after its invoices were paid.
    for (const h of [monthly, late, refunded]) await pay(h, '2026-03-15', '2026-03-05')
    const lateReferral = await p.referral.create({
      data: {
        code: uniq('L'),
        referrerType: 'customer',
        referrerTenantId: referrer.id,
        referredTenantId: late.id,
        status: 'converted',
        convertedAt: at('2026-03-09'),
      },
    })
    extra.push(lateReferral.id)
    await runOn('2026-03-10')
    // April: the agent is promoted to gold from April (evaluated in March).
    await p.agentRankChange.create({
      data: {
        agentId: agent.id,
        fromRank: 'bronze',
        toRank: 'gold',
        reason: 'test promotion',
        kind: 'evaluation',
        evaluatedMonth: '2026-03',
        effectiveMonth: '2026-04',
      },
    })
    await p.agent.update({ where: { id: agent.id }, data: { rank: 'gold' } })
    for (const h of [monthly, late, refunded]) await pay(h, '2026-04-15', '2026-04-01')
    await runOn('2026-04-02')
    // The "refunded" hotel's March invoice is refunded after its commission was recorded.
    await p.$transaction((tx) =>
      refundInvoice(tx, refunded.id, invoices.get(`refunded:2026-03-15`)!, 'test', at('2026-04-20')),
    )
    await runOn('2026-04-20')
    // May: the monthly hotel's invoice is issued but paid only in June.
    await issue(monthly, '2026-05-15')
    for (const h of [late, refunded]) await pay(h, '2026-05-15', '2026-05-15')
    await runOn('2026-05-20')
    await pay(monthly, '2026-05-15', '2026-06-11')
    for (const h of [monthly, late, refunded]) await pay(h, '2026-06-15', '2026-06-11')
    // The customer referral is found invalid: cancelled, it earns nothing more.
    await p.referral.update({
      where: { id: lateReferral.id },
      data: { status: 'cancelled', cancelledAt: at('2026-06-11') },
    })
    const lateRows = await p.referralPayment.count({ where: { referralId: lateReferral.id } })
    // Two runs at once (the scheduled one and HQ's manual one): each row once.
    await Promise.all([runOn('2026-06-12'), runOn('2026-06-12')])
    expect(await p.referralPayment.count({ where: { referralId: lateReferral.id } })).toBe(lateRows)
    // July 1st: nothing paid, but July of the yearly invoice comes due; a second run adds nothing.
    await runOn('2026-07-01')
    const rows = await count()
    await runOn('2026-07-01')
    expect(await count()).toBe(rows)

    const incremental = await ledger(p)
    const fromScratch = await inRollback(async (tx) => {
      await tx.referralPayment.deleteMany({ where: { referralId: { in: mine() } } })
      await recordDueCommissions(tx, at('2026-07-01'), { full: true })
      return ledger(tx)
    })
    expect(incremental).toEqual(fromScratch)

    const of = (referralId: string) => incremental.filter((r) => r[0] === referralId).map((r) => r.slice(1))
    const fee = plan.monthlyPrice
    expect(of(referrals.yearly.id).map((r) => [r[0], r[3]])).toEqual([
      ['2026-02', 2_000], // bronze until the promotion's effective month
      ['2026-03', 2_000],
      ['2026-04', 3_000], // gold from April
      ['2026-05', 3_000],
      ['2026-06', 3_000],
      ['2026-07', 3_000], // came due on July 1st with nothing paid that day
    ])
    expect(of(referrals.monthly.id).map((r) => r[0])).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05', // paid late, in June
      '2026-06',
    ])
    expect(of(referrals.monthly.id)[4]).toEqual(['2026-05', 5, fee, 3_000, Math.floor((fee * 3_000) / 10_000)])
    expect(of(referrals.refunded.id).map((r) => r[0])).not.toContain('2026-03')
    expect(
      await p.referralPayment.findFirst({ where: { referralId: referrals.refunded.id, status: 'cancelled' } }),
    ).toMatchObject({ paymentMonth: new Date('2026-03-01') })
    // The customer referral converted late earned January to March at once, then nothing after June.
    const lateMonths = await p.referralPayment.findMany({
      where: { referralId: lateReferral.id },
      orderBy: { paymentMonth: 'asc' },
    })
    expect(lateMonths.map((r) => r.paymentMonth.toISOString().slice(0, 7))).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ])
  })
})
