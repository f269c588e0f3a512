// Invoices and payments on a real database: lines and amounts fixed at issue, one invoice per
// period (the database refuses a second), catch-up of missed periods, pending plan changes, price
// changes that spare past invoices, and the first payment converting a pending referral.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueDueInvoices, issueInvoice, recordPayment } from '../../server/services/billing'
import { DomainError } from '../../server/lib/errors'
import { ensureCatalogue, ownerUrl, testClients, uniq } from '../helpers/db'
import { stopQueue } from '../../server/services/queue'

let db: ReturnType<typeof testClients>
let plans: {
  small: { id: string; planCode: string; name: string; monthlyPrice: number }
  big: { id: string; planCode: string; name: string; monthlyPrice: number }
}

async function hotel(contractStart: string, cycle: 'monthly' | 'yearly' = 'monthly') {
  return db.privileged.tenant.create({
    data: {
      slug: uniq('bill'),
      name: 'Billing Hotel',
      planId: plans.small.id,
      billingCycle: cycle,
      contractStartDate: new Date(contractStart),
    },
  })
}

beforeAll(async () => {
  process.env.DATABASE_URL = ownerUrl() // renewals enqueue lifecycle actions on the queue (issue 13)
  db = testClients()
  await ensureCatalogue(db.privileged)
  const small = await db.privileged.subscriptionPlan.create({
    data: {
      planCode: uniq('SMALL'),
      name: 'Small',
      monthlyPrice: 29_800,
      maxRooms: 30,
      features: ['ai_chat'],
      guaranteeDays: 30,
      guaranteedRoiBps: 10_000,
    },
  })
  const big = await db.privileged.subscriptionPlan.create({
    data: {
      planCode: uniq('BIG'),
      name: 'Big',
      monthlyPrice: 128_000,
      maxRooms: 200,
      features: ['ai_chat', 'analytics'],
      guaranteeDays: 60,
      guaranteedRoiBps: 15_000,
    },
  })
  plans = { small, big }
})
afterAll(async () => {
  await stopQueue()
  await db.close()
})

describe('issuing invoices', () => {
  it('fixes the amounts and lines at issue; the lines add up to the subtotal', async () => {
    const t = await hotel('2026-04-01', 'yearly')
    const invoice = await issueInvoice(db.privileged, t, plans.small, 'yearly', '2026-04-01')
    expect(invoice).toMatchObject({ months: 12, subtotal: 321_840, tax: 32_184, total: 354_024, currency: 'JPY' })
    expect(invoice.periodEnd.toISOString().slice(0, 10)).toBe('2027-04-01')
    const lines = await db.privileged.invoiceLine.findMany({
      where: { tenantId: t.id, invoiceId: invoice.id },
      orderBy: { sortOrder: 'asc' },
    })
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['plan', 357_600],
      ['cycle_discount', -35_760],
    ])
  })

  it('the database refuses a second invoice for the same period', async () => {
    const t = await hotel('2026-04-01')
    await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-04-01')
    await expect(issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-04-01')).rejects.toMatchObject({
      code: 'P2002',
    })
  })

  it('the daily run catches up on missed periods, once', async () => {
    const t = await hotel('2026-08-10')
    await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-08-10')
    const now = new Date('2026-11-23T03:00:00Z') // 12:00 in Tokyo
    await issueDueInvoices(db.privileged, now)
    const starts = (
      await db.privileged.invoice.findMany({ where: { tenantId: t.id }, orderBy: { periodStart: 'asc' } })
    ).map((i) => i.periodStart.toISOString().slice(0, 10))
    expect(starts).toEqual(['2026-08-10', '2026-09-10', '2026-10-10', '2026-11-10'])
    await issueDueInvoices(db.privileged, now)
    expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(4)
  })

  it('two runs at once (the daily job and one HQ started by hand) issue each period once; both succeed', async () => {
    const t = await hotel('2026-06-15')
    await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-06-15')
    const now = new Date('2026-11-20T03:00:00Z')
    const runs = await Promise.allSettled([
      issueDueInvoices(db.privileged, now, { tenantIds: [t.id] }),
      issueDueInvoices(db.privileged, now, { tenantIds: [t.id] }),
    ])
    expect(runs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled'])
    const issued = runs.map((r) => (r.status === 'fulfilled' ? r.value.issued : -1))
    expect(issued.toSorted()).toEqual([0, 5]) // Jul..Nov by one run, nothing left for the other
    expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(6)
  })

  it("one hotel's failure does not hold back the others' invoices; the run fails naming it", async () => {
    const broken = await hotel('2026-09-03')
    const fine = await hotel('2026-09-03')
    for (const t of [broken, fine]) await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-09-03')
    // A stray invoice that holds the number the next period would get (data fixed by hand, say).
    const stray = await db.privileged.invoice.create({
      data: {
        tenantId: broken.id,
        number: `${broken.slug.toUpperCase()}-20261003`,
        planCode: plans.small.planCode,
        billingCycle: 'monthly',
        months: 1,
        periodStart: new Date('2026-08-03'),
        periodEnd: new Date('2026-09-03'),
        subtotal: 0,
        tax: 0,
        total: 0,
        dueDate: new Date('2026-09-03'),
        status: 'void',
      },
    })
    const run = issueDueInvoices(db.privileged, new Date('2026-10-05T03:00:00Z'), { tenantIds: [broken.id, fine.id] })
    await expect(run).rejects.toThrow(new RegExp(`1 of 2 hotels failed \\(1 invoices issued\\): ${broken.slug}: `))
    expect(await db.privileged.invoice.count({ where: { tenantId: fine.id } })).toBe(2)
    expect(await db.privileged.invoice.count({ where: { tenantId: broken.id } })).toBe(2)
    // Mended, the next run issues its period (and later runs of this file do not meet it).
    await db.privileged.invoice.delete({ where: { tenantId_id: { tenantId: broken.id, id: stray.id } } })
    await issueDueInvoices(db.privileged, new Date('2026-10-05T03:00:00Z'), { tenantIds: [broken.id] })
    expect(await db.privileged.invoice.count({ where: { tenantId: broken.id } })).toBe(2)
  })

  it('a new period starts at midnight in Tokyo, not UTC', async () => {
    const t = await hotel('2026-10-24')
    await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-10-24')
    await issueDueInvoices(db.privileged, new Date('2026-11-23T14:59:00Z')) // 23:59 on the 23rd in Tokyo
    expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(1)
    await issueDueInvoices(db.privileged, new Date('2026-11-23T15:00:00Z')) // 00:00 on the 24th in Tokyo
    expect(await db.privileged.invoice.count({ where: { tenantId: t.id } })).toBe(2)
  })

  it('a pending plan change applies from the next period; a price change spares past invoices', async () => {
    const t = await hotel('2026-10-01')
    const first = await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-10-01')
    await db.privileged.tenant.update({
      where: { id: t.id },
      data: { pendingPlanId: plans.big.id, pendingBillingCycle: 'monthly' },
    })
    await db.privileged.subscriptionPlan.update({ where: { id: plans.big.id }, data: { monthlyPrice: 130_000 } })
    await issueDueInvoices(db.privileged, new Date('2026-11-05T03:00:00Z'))
    const [a, b] = await db.privileged.invoice.findMany({ where: { tenantId: t.id }, orderBy: { periodStart: 'asc' } })
    expect(a).toMatchObject({ id: first.id, planCode: plans.small.planCode, subtotal: 29_800 })
    expect(b).toMatchObject({ planCode: plans.big.planCode, subtotal: 130_000, total: 143_000 })
    expect(await db.privileged.tenant.findUnique({ where: { id: t.id } })).toMatchObject({
      planId: plans.big.id,
      pendingPlanId: null,
      pendingBillingCycle: null,
    })
    await db.privileged.subscriptionPlan.update({ where: { id: plans.big.id }, data: { monthlyPrice: 128_000 } })
  })
})

describe('recording payments', () => {
  it('marks the invoice paid, once, and the first payment converts the pending referral', async () => {
    const t = await hotel('2026-11-01')
    const agent = await db.privileged.agent.create({
      data: { companyName: 'Referrer', contactName: 'R', email: `${uniq('r')}@test.example` },
    })
    const referral = await db.privileged.referral.create({
      data: { code: uniq('REF'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: t.id },
    })
    const invoice = await issueInvoice(db.privileged, t, plans.small, 'monthly', '2026-11-01')
    const paid = await db.privileged.$transaction((tx) => recordPayment(tx, t.id, invoice.id, { method: 'manual' }))
    expect(paid.status).toBe('paid')
    expect(await db.privileged.payment.findMany({ where: { tenantId: t.id } })).toMatchObject([
      { amount: 32_780, method: 'manual' },
    ])
    expect(await db.privileged.referral.findUnique({ where: { id: referral.id } })).toMatchObject({
      status: 'converted',
    })
    expect(await db.privileged.agentSale.findMany({ where: { referralId: referral.id } })).toMatchObject([
      { tenantId: t.id, agentId: agent.id, planCode: plans.small.planCode, monthlyFee: 29_800 },
    ])
    const again = await db.privileged
      .$transaction((tx) => recordPayment(tx, t.id, invoice.id, { method: 'manual' }))
      .catch((e: unknown) => e)
    expect(again).toBeInstanceOf(DomainError)
    expect((again as DomainError).kind).toBe('conflict')
    expect(await db.privileged.payment.count({ where: { tenantId: t.id } })).toBe(1)
  })
})

describe("the referrer hotel's own discount", () => {
  it('monthly: 10% off its next 6 invoices after its referral converts; yearly: one credit of 6 × 10%', async () => {
    const p = db.privileged
    const referrer = await hotel('2026-01-05')
    await issueInvoice(p, referrer, plans.small, 'monthly', '2026-01-05')
    const yearlyReferrer = await hotel('2026-01-05', 'yearly')
    await issueInvoice(p, yearlyReferrer, plans.small, 'yearly', '2026-01-05')
    for (const r of [referrer, yearlyReferrer]) {
      const referred = await hotel('2026-01-20')
      await p.referral.create({
        data: { code: uniq('H'), referrerType: 'customer', referrerTenantId: r.id, referredTenantId: referred.id },
      })
      const first = await issueInvoice(p, referred, plans.small, 'monthly', '2026-01-20')
      await p.$transaction((tx) => recordPayment(tx, referred.id, first.id, { method: 'manual' }))
    }
    await issueDueInvoices(p, new Date('2026-09-10T03:00:00Z')) // Feb..Sep for the monthly referrer
    const monthly = await p.invoice.findMany({
      where: { tenantId: referrer.id },
      orderBy: { periodStart: 'asc' },
      include: { lines: true },
    })
    const discounted = monthly.map((i) => i.lines.some((l) => l.kind === 'referral_discount'))
    expect(discounted).toEqual([false, true, true, true, true, true, true, false, false])
    expect(monthly[1]).toMatchObject({ subtotal: 26_820 })

    await issueDueInvoices(p, new Date('2027-01-10T03:00:00Z')) // the yearly referrer's second year
    const yearly = await p.invoice.findMany({
      where: { tenantId: yearlyReferrer.id },
      orderBy: { periodStart: 'asc' },
      include: { lines: true },
    })
    expect(yearly).toHaveLength(2)
    expect(yearly[1]!.lines.find((l) => l.kind === 'credit')).toMatchObject({ amount: -Math.floor(26_820 * 0.1 * 6) })
    expect(yearly[1]).toMatchObject({ subtotal: 321_840 - 16_092 })
  })
})
