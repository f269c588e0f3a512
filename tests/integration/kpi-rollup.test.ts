// The dashboard's fast path (issue 14: the rollup kpi_hotel_months, kept by triggers, summed through
// the deltas of kpi_month_totals) gives exactly the report of the straightforward computation (every
// period, hotel and revenue item through the pure kpiReport), on hotels that do everything the KPIs
// distinguish: a downgrade, an upgrade, a biennial and a yearly prepayment, a referral discount, a
// refund with cancellation, a cancellation inside a prepaid term, a lapse and a reactivation, a void
// invoice, the current month carried through, and the four channels (a pending referral beside a
// converted one). Months 2033–2035, which no other test uses; then again after later writes, a full
// rebuild and folding the deltas.
import { describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { channelFunnel, channelFunnelStraight } from '../../server/services/funnel'
import { issueCreditNote } from '../../server/services/invoice-documents'
import { gatherKpiInput, kpiReportFast, kpiReportStraight, kpiTotalsFromRollup } from '../../server/services/kpis'
import { monthTotals } from '../../shared/domain/kpis'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

type Hotel = { id: string; slug: string; name: string }

/** Ranges and "now"s: the current month inside the range, before it, after it, and at its end. */
const CASES: { from: string; to: string; now: string }[] = [
  { from: '2033-01', to: '2034-12', now: '2033-06-15T03:00:00Z' },
  { from: '2033-01', to: '2034-12', now: '2035-03-01T03:00:00Z' },
  { from: '2033-01', to: '2033-12', now: '2032-12-20T03:00:00Z' },
  { from: '2033-03', to: '2033-09', now: '2033-09-01T00:00:00Z' },
  { from: '2032-11', to: '2035-10', now: '2034-02-10T03:00:00Z' },
]

async function expectSameReports() {
  for (const c of CASES) {
    const now = new Date(c.now)
    const straight = await kpiReportStraight(c.from, c.to, now)
    const fast = await kpiReportFast(c.from, c.to, now)
    expect(fast, `${c.from}..${c.to} at ${c.now}`).toEqual(straight)
    expect(await channelFunnel(c.from, c.to), `funnel ${c.from}..${c.to}`).toEqual(
      await channelFunnelStraight(c.from, c.to),
    )
  }
}

describe('the KPI rollup', () => {
  it('gives the same report as the straightforward computation, before and after later writes', async () => {
    const plans = Object.fromEntries(
      (await db.privileged.subscriptionPlan.findMany()).map((p) => [p.planCode, p] as const),
    )
    const hotel = async (name: string): Promise<Hotel> =>
      db.privileged.tenant.create({
        data: { slug: uniq('rollup'), name, planId: plans.LEISURE_ECONOMY!.id, createdAt: new Date('2033-01-02') },
      })
    const bill = async (
      tenant: Hotel,
      plan: string,
      cycle: 'monthly' | 'yearly' | 'biennial',
      month: string,
      discountsBps: number[] = [],
    ) => {
      const invoice = await issueInvoice(
        db.privileged,
        tenant,
        plans[plan]!,
        cycle,
        `${month}-01`,
        discountsBps,
        [],
        new Date(`${month}-01T00:00:00Z`),
      )
      await recordPayment(db.privileged, tenant.id, invoice.id, {
        method: 'manual',
        paidAt: new Date(`${month}-05T00:00:00Z`),
      })
      return invoice
    }
    const months = (from: string, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const d = new Date(`${from}-01T00:00:00Z`)
        d.setUTCMonth(d.getUTCMonth() + i)
        return d.toISOString().slice(0, 7)
      })
    const agent = await db.privileged.agent.create({
      data: { companyName: uniq('Rollup Co'), contactName: 'R', email: `${uniq('r')}@rollup.example` },
    })
    const vendor = await db.privileged.pmsVendor.create({ data: { code: uniq('pms'), name: 'Rollup PMS' } })

    // A (agent, with a referral discount): Standard Jan–Mar, Economy Apr–Aug (downgrade), nothing in
    // Sep–Oct (lapse: churn), Economy again from November (reactivation).
    const a = await hotel('A')
    await db.privileged.referral.create({
      data: {
        code: uniq('RA'),
        referrerType: 'agent',
        referrerAgentId: agent.id,
        referredTenantId: a.id,
        status: 'converted',
        convertedAt: new Date('2033-01-05T00:00:00Z'),
      },
    })
    // Visits of A's code and of a code that brought no one (rows as recordVisit writes them).
    const idle = await db.privileged.referral.create({
      data: { code: uniq('RI'), referrerType: 'agent', referrerAgentId: agent.id },
    })
    const ra = await db.privileged.referral.findFirstOrThrow({ where: { referredTenantId: a.id } })
    await db.privileged.referralVisit.createMany({
      data: [
        { referralId: ra.id, day: new Date('2032-12-28'), visitorHash: 'v1' },
        { referralId: ra.id, day: new Date('2033-01-03'), visitorHash: 'v1' },
        { referralId: idle.id, day: new Date('2033-02-03'), visitorHash: 'v2' },
        { referralId: idle.id, day: new Date('2033-02-03'), visitorHash: 'v3' },
      ],
    })
    for (const m of months('2033-01', 3)) await bill(a, 'LEISURE_STANDARD', 'monthly', m, [500])
    for (const m of months('2033-04', 5)) await bill(a, 'LEISURE_ECONOMY', 'monthly', m, [500])
    for (const m of months('2033-11', 4)) await bill(a, 'LEISURE_ECONOMY', 'monthly', m)
    // B (a customer's referral): Professional biennial from February 2033.
    const b = await hotel('B')
    await db.privileged.referral.create({
      data: { code: uniq('RB'), referrerType: 'customer', referrerTenantId: a.id, referredTenantId: b.id },
    })
    await db.privileged.referral.updateMany({ where: { referredTenantId: b.id }, data: { status: 'converted' } })
    await bill(b, 'OMOTENASU_PROFESSIONAL', 'biennial', '2033-02')
    // C (PMS vendor): Standard Jan–Feb, February refunded in March and cancelled then.
    const c = await hotel('C')
    await db.privileged.referral.create({
      data: {
        code: uniq('RC'),
        referrerType: 'pms_vendor',
        referrerPmsVendorId: vendor.id,
        referredTenantId: c.id,
        status: 'converted',
      },
    })
    await bill(c, 'LEISURE_STANDARD', 'monthly', '2033-01')
    const refunded = await bill(c, 'LEISURE_STANDARD', 'monthly', '2033-02')
    await db.privileged.$transaction((tx) =>
      issueCreditNote(tx, {
        tenantId: c.id,
        invoiceId: refunded.id,
        reason: 'refund',
        now: new Date('2033-03-10T03:00:00Z'),
      }),
    )
    await db.privileged.tenant.update({
      where: { id: c.id },
      data: { status: 'cancelled', cancelledAt: new Date('2033-03-10T03:00:00Z') },
    })
    // D (direct): Economy Jan–May, then Standard from June 2034 (upgrade after a long gap) until now.
    const d = await hotel('D')
    for (const m of months('2033-01', 5)) await bill(d, 'LEISURE_ECONOMY', 'monthly', m)
    for (const m of months('2034-06', 3)) await bill(d, 'LEISURE_STANDARD', 'monthly', m)
    // E (direct): yearly from March 2033, cancelled in August (inside the prepaid year).
    const e = await hotel('E')
    await bill(e, 'LEISURE_STANDARD', 'yearly', '2033-03')
    await db.privileged.tenant.update({
      where: { id: e.id },
      data: { status: 'cancelled', cancelledAt: new Date('2033-07-31T16:00:00Z') }, // 1 August in Tokyo
    })
    // F (an agent's referral still pending: its channel all the same): an invoice voided, never
    // paid; then a real one in May.
    const f = await hotel('F')
    await db.privileged.referral.create({
      data: { code: uniq('RF'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: f.id },
    })
    const voided = await issueInvoice(
      db.privileged,
      f,
      plans.LEISURE_ECONOMY!,
      'monthly',
      '2033-04-01',
      [],
      [],
      new Date('2033-04-01T00:00:00Z'),
    )
    await db.privileged.invoice.update({
      where: { tenantId_id: { tenantId: f.id, id: voided.id } },
      data: { status: 'void' },
    })
    await bill(f, 'LEISURE_ECONOMY', 'monthly', '2033-05')

    // G (direct): Economy Jan–May, its cancellation already recorded for the end of September: not
    // carried through June like D.
    const g = await hotel('G')
    for (const m of months('2033-01', 5)) await bill(g, 'LEISURE_ECONOMY', 'monthly', m)
    await db.privileged.tenant.update({ where: { id: g.id }, data: { cancelledAt: new Date('2033-09-30T03:00:00Z') } })

    // H (direct): Economy Jan–May and July, June not yet issued: carried through June into July.
    const h = await hotel('H')
    for (const m of [...months('2033-01', 5), '2033-07']) await bill(h, 'LEISURE_ECONOMY', 'monthly', m)

    await expectSameReports()
    // The straightforward loop saw these hotels do what they were meant to.
    const report = await kpiReportStraight('2033-01', '2034-12', new Date('2033-06-15T03:00:00Z'))
    const by = Object.fromEntries(report.months.map((m) => [m.month, m]))
    expect(by['2033-04']!.movements.contraction).toBeLessThan(0) // A's downgrade
    expect(by['2033-03']!.revenueByChannel.pms_vendor).toBeLessThan(0) // C's refund
    expect(by['2033-06']!.mrr).toBeGreaterThan(by['2033-07']!.mrr) // D carried through June only
    expect(by['2033-08']!.movements.churned).toBeLessThan(0) // E cancelled
    expect(by['2033-11']!.movements.reactivation).toBeGreaterThan(0) // A back
    expect(by['2033-02']!.hotelsByChannel).toMatchObject({ agent: 1, customer: 1, pms_vendor: 1 })
    const funnel = await channelFunnel('2033-01', '2033-12')
    // A and F signed up through agent codes and converted (F's on its first payment, in May).
    expect(funnel.channels.find((ch) => ch.channel === 'agent')).toMatchObject({ visits: 3, signups: 2, paying: 2 })

    // Later writes through the ordinary paths: the triggers keep the rollup exact.
    await bill(d, 'LEISURE_ECONOMY', 'monthly', '2033-06')
    await db.privileged.tenant.update({ where: { id: c.id }, data: { status: 'active', cancelledAt: null } })
    await db.privileged.payment.deleteMany({ where: { tenantId: f.id } })
    await db.privileged.referral.updateMany({ where: { referredTenantId: b.id }, data: { referredTenantId: null } })
    await db.privileged.invoiceLine.updateMany({
      where: { tenantId: b.id, kind: 'plan' },
      data: { amount: { decrement: 24_000 } },
    })
    await expectSameReports()

    // A full rebuild and folding the deltas change nothing.
    const before = await kpiReportFast('2033-01', '2034-12', new Date('2033-06-15T03:00:00Z'))
    await db.privileged.$executeRaw`SELECT kpi_refresh_hotels(NULL)`
    await db.privileged.$executeRaw`SELECT kpi_compact_month_totals()`
    expect(await kpiReportFast('2033-01', '2034-12', new Date('2033-06-15T03:00:00Z'))).toEqual(before)
    await expectSameReports()

    // The month totals without the deltas (every month summed from the hotel rows) agree as well.
    const input = await gatherKpiInput('2033-01', '2034-12', new Date('2034-02-10T03:00:00Z'))
    expect(await kpiTotalsFromRollup('2033-01', '2034-12', input.carryThrough, 'all')).toEqual(monthTotals(input))
  })

  it('is maintained for a tenant-scoped write too, and shows a hotel only its own rows', async () => {
    const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const hotel = await db.privileged.tenant.create({ data: { slug: uniq('rollup-t'), name: 'T', planId: plan.id } })
    const invoice = await issueInvoice(
      db.privileged,
      hotel,
      plan,
      'monthly',
      '2035-06-01',
      [],
      [],
      new Date('2035-06-01'),
    )
    const rows = () =>
      db.privileged.kpiHotelMonth.findMany({ where: { tenantId: hotel.id }, orderBy: { month: 'asc' } })
    expect((await rows()).map((r) => [r.month.toISOString().slice(0, 7), r.mrr, r.prevMrr])).toEqual([
      ['2035-06', plan.monthlyPrice, null],
      ['2035-07', null, plan.monthlyPrice],
    ])
    // The hotel's own client (app role, RLS) voids it: its trigger runs as the privileged role.
    await db.app.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${hotel.id}, true)`
      const mine = () => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM kpi_hotel_months`
      expect(Number((await mine())[0]!.n)).toBe(2)
      await tx.$executeRaw`UPDATE invoices SET status = 'void' WHERE id = ${invoice.id}`
      expect(Number((await mine())[0]!.n)).toBe(0)
    })
    expect(await rows()).toEqual([])
  })
})
