// The referrer's own discount (cap on credits, revocation) and business numbers as data, through
// the real billing job, refunds and the commission job on a real database.
import { describe, expect, it } from 'vitest'
import { issueDueInvoices, issueInvoice, recordPayment } from '../../server/services/billing'
import { businessRules, invalidateBusinessRules, scheduleBusinessSetting } from '../../server/services/business-rules'
import { recordDueCommissions } from '../../server/services/commissions'
import { createPayouts } from '../../server/services/payouts'
import { cancelReferralsOf } from '../../server/services/referrals'
import { refundInvoice } from '../../server/services/refunds'
import { DomainError } from '../../server/lib/errors'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

async function hotel(planCode: string, cycle: 'monthly' | 'yearly', start: string) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({
    data: { slug: uniq('h'), name: 'Hotel', planId: plan.id, billingCycle: cycle, contractStartDate: new Date(start) },
  })
  return { tenant, plan }
}

/** A hotel referred by `referrerTenantId`, whose first invoice is paid on `paidAt` (converting it). */
async function referredAndPaid(referrerTenantId: string, start: string, paidAt: string, planCode = 'LEISURE_ECONOMY') {
  const { tenant, plan } = await hotel(planCode, 'monthly', start)
  const referral = await db.privileged.referral.create({
    data: { code: uniq('H'), referrerType: 'customer', referrerTenantId, referredTenantId: tenant.id },
  })
  const invoice = await issueInvoice(db.privileged, tenant, plan, 'monthly', start)
  await db.privileged.$transaction((tx) =>
    recordPayment(tx, tenant.id, invoice.id, { method: 'manual', paidAt: new Date(paidAt) }),
  )
  return { tenant, referral, invoice }
}

const linesOf = (invoiceId: string) =>
  db.privileged.invoiceLine.findMany({ where: { invoiceId }, orderBy: { sortOrder: 'asc' } })

describe("the referrer's own discount", () => {
  it('4 referrals on a yearly Economy: the credit obeys the 30% cap (¥48,276, not ¥64,368)', async () => {
    const referrer = await hotel('LEISURE_ECONOMY', 'yearly', '2026-01-01')
    await issueInvoice(db.privileged, referrer.tenant, referrer.plan, 'yearly', '2026-01-01')
    for (let i = 0; i < 4; i++) await referredAndPaid(referrer.tenant.id, '2026-03-01', '2026-03-02T01:00:00Z')
    expect(
      await db.privileged.referralDiscount.count({
        where: { tenantId: referrer.tenant.id, discountBps: 1_000, monthsRemaining: 6 },
      }),
    ).toBe(4)

    await issueDueInvoices(db.privileged, new Date('2027-01-01T01:00:00+09:00'), {
      tenantIds: [referrer.tenant.id],
      stripeOn: false,
    })
    const next = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: referrer.tenant.id, periodStart: new Date('2027-01-01') },
    })
    const credits = (await linesOf(next.id)).filter((l) => l.kind === 'credit')
    expect(credits.reduce((s, l) => s + l.amount, 0)).toBe(-48_276)
    // 12 × ¥29,800 = ¥357,600; −10% yearly = ¥321,840; − ¥48,276.
    expect(next.subtotal).toBe(321_840 - 48_276)
    expect(
      await db.privileged.referralDiscount.count({
        where: { tenantId: referrer.tenant.id, monthsRemaining: { gt: 0 } },
      }),
    ).toBe(0)
  })

  it(`a money-back refund of the referred hotel revokes the months not yet invoiced; invoiced months \
stay`, async () => {
    const referrer = await hotel('LEISURE_ECONOMY', 'monthly', '2026-01-01')
    await issueInvoice(db.privileged, referrer.tenant, referrer.plan, 'monthly', '2026-01-01')
    const referred = await referredAndPaid(referrer.tenant.id, '2026-02-01', '2026-02-02T01:00:00Z')
    // February and March invoices of the referrer carry the 10% (2 of the 6 months).
    await issueDueInvoices(db.privileged, new Date('2026-03-01T09:00:00+09:00'), {
      tenantIds: [referrer.tenant.id],
      stripeOn: false,
    })
    const discounted = await db.privileged.invoice.findMany({
      where: { tenantId: referrer.tenant.id, periodStart: { gte: new Date('2026-02-01') } },
      orderBy: { periodStart: 'asc' },
    })
    expect(discounted.map((i) => i.subtotal)).toEqual([26_820, 26_820])

    // 2 March: within the Economy plan's 30-day guarantee, the referred hotel gets its money back.
    const result = await db.privileged.$transaction((tx) =>
      refundInvoice(
        tx,
        referred.tenant.id,
        referred.invoice.id,
        'money-back guarantee',
        new Date('2026-03-02T10:00:00+09:00'),
      ),
    )
    expect(result.invoice).toBeTruthy()
    expect(await db.privileged.referral.findUniqueOrThrow({ where: { id: referred.referral.id } })).toMatchObject({
      status: 'cancelled',
    })
    const discount = await db.privileged.referralDiscount.findFirstOrThrow({ where: { tenantId: referrer.tenant.id } })
    expect(discount).toMatchObject({ monthsRemaining: 0, revokedMonths: 4 })
    expect(discount.revokedAt).not.toBeNull()

    await issueDueInvoices(db.privileged, new Date('2026-05-01T09:00:00+09:00'), {
      tenantIds: [referrer.tenant.id],
      stripeOn: false,
    })
    const all = await db.privileged.invoice.findMany({
      where: { tenantId: referrer.tenant.id },
      orderBy: { periodStart: 'asc' },
    })
    expect(all.map((i) => [i.periodStart.toISOString().slice(0, 7), i.subtotal])).toEqual([
      ['2026-01', 29_800],
      ['2026-02', 26_820],
      ['2026-03', 26_820],
      ['2026-04', 29_800],
      ['2026-05', 29_800],
    ])
  })

  it('a refund after the guarantee keeps the referral and the discount', async () => {
    const referrer = await hotel('LEISURE_ECONOMY', 'monthly', '2026-01-01')
    const referred = await referredAndPaid(referrer.tenant.id, '2026-02-01', '2026-02-02T01:00:00Z')
    await db.privileged.$transaction((tx) =>
      refundInvoice(tx, referred.tenant.id, referred.invoice.id, 'goodwill', new Date('2026-04-15T10:00:00+09:00')),
    )
    expect((await db.privileged.referral.findUniqueOrThrow({ where: { id: referred.referral.id } })).status).toBe(
      'converted',
    )
    expect(
      await db.privileged.referralDiscount.findFirstOrThrow({ where: { tenantId: referrer.tenant.id } }),
    ).toMatchObject({ monthsRemaining: 6, revokedAt: null })
  })

  it('a yearly credit not yet invoiced is revoked when the referred hotel cancels', async () => {
    const referrer = await hotel('LEISURE_ECONOMY', 'yearly', '2026-01-01')
    await issueInvoice(db.privileged, referrer.tenant, referrer.plan, 'yearly', '2026-01-01')
    const referred = await referredAndPaid(referrer.tenant.id, '2026-03-01', '2026-03-02T01:00:00Z')
    await db.privileged.$transaction((tx) =>
      cancelReferralsOf(tx, referred.tenant.id, new Date('2026-08-01T00:00:00Z')),
    )
    await issueDueInvoices(db.privileged, new Date('2027-01-01T01:00:00+09:00'), {
      tenantIds: [referrer.tenant.id],
      stripeOn: false,
    })
    const next = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: referrer.tenant.id, periodStart: new Date('2027-01-01') },
    })
    expect((await linesOf(next.id)).filter((l) => l.kind === 'credit')).toEqual([])
    expect(next.subtotal).toBe(321_840)
  })
})

describe('business numbers as data', () => {
  it(`an issued invoice, a recorded commission and a payout never change when a number does; new documents use the \
new number`, async () => {
    const referrer = await hotel('LEISURE_STANDARD', 'monthly', '2026-01-01')
    const referred = await referredAndPaid(
      referrer.tenant.id,
      '2025-10-01',
      '2025-10-01T01:00:00Z',
      'OMOTENASU_ENTERPRISE',
    )
    await db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date('2025-10-20T03:00:00Z')))
    const payouts = await db.privileged.$transaction((tx) =>
      createPayouts(tx, '2025-10', new Date('2026-01-05T00:00:00Z')),
    )
    expect(
      payouts.payouts.filter((p) => p.payeeId === referrer.tenant.id).map((p) => [p.amount, p.tax, p.total]),
    ).toEqual([[14_900, 1_490, 16_390]])
    const snapshot = async () => ({
      invoice: await db.privileged.invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: referred.tenant.id, id: referred.invoice.id } },
      }),
      lines: await linesOf(referred.invoice.id),
      commissions: await db.privileged.referralPayment.findMany({ where: { referralId: referred.referral.id } }),
      payouts: await db.privileged.payout.findMany({ where: { id: { in: payouts.payouts.map((p) => p.id) } } }),
    })
    const before = await snapshot()
    expect(before.invoice).toMatchObject({ subtotal: 298_000, tax: 29_800 })
    expect(before.commissions.map((c) => [c.rateBps, c.amount])).toEqual([[500, 14_900]])

    // Even a number written back to before those documents (HQ cannot: the API takes tomorrow on).
    const keys = ['consumption_tax_rate', 'customer_commission_rate', 'payout_minimum'] as const
    await db.privileged.businessSetting.createMany({
      data: [
        { key: 'consumption_tax_rate', effectiveFrom: new Date('2025-06-01'), value: 1_200 },
        { key: 'customer_commission_rate', effectiveFrom: new Date('2025-06-01'), value: 800 },
        { key: 'payout_minimum', effectiveFrom: new Date('2025-06-01'), value: 1_000 },
      ],
    })
    invalidateBusinessRules()
    try {
      await db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date('2025-10-25T03:00:00Z')))
      await db.privileged.$transaction((tx) => createPayouts(tx, '2025-10', new Date('2026-01-06T00:00:00Z')))
      expect(await snapshot()).toEqual(before)

      // The next month of the same hotel is made with the numbers now in force.
      const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({
        where: { planCode: 'OMOTENASU_ENTERPRISE' },
      })
      const november = await issueInvoice(db.privileged, referred.tenant, plan, 'monthly', '2025-11-01')
      expect(november).toMatchObject({ subtotal: 298_000, tax: 35_760 })
      await db.privileged.$transaction((tx) =>
        recordPayment(tx, referred.tenant.id, november.id, {
          method: 'manual',
          paidAt: new Date('2025-11-02T00:00:00Z'),
        }),
      )
      await db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date('2025-11-20T03:00:00Z')))
      expect(
        (
          await db.privileged.referralPayment.findMany({
            where: { referralId: referred.referral.id },
            orderBy: { paymentMonth: 'asc' },
          })
        ).map((c) => [c.rateBps, c.amount]),
      ).toEqual([
        [500, 14_900],
        [800, 23_840],
      ])
    } finally {
      await db.privileged.businessSetting.deleteMany({
        where: { key: { in: [...keys] }, effectiveFrom: new Date('2025-06-01') },
      })
      invalidateBusinessRules()
    }
  })

  it('HQ schedules a number from tomorrow on (Asia/Tokyo), audited; today or earlier is refused', async () => {
    const now = new Date('2026-11-30T16:30:00Z') // 1 December 01:30 in Tokyo
    const actor = { type: 'user' as const, id: 'hq-user', ip: '127.0.0.1', userAgent: 'test' }
    await expect(
      scheduleBusinessSetting({ key: 'payout_minimum', value: 3_000, effectiveFrom: '2026-12-01' }, actor, now),
    ).rejects.toSatisfy((e) => e instanceof DomainError && e.code === 'business_setting_effective_date')
    try {
      const saved = await scheduleBusinessSetting(
        { key: 'own_discount_rate', value: 12.5, effectiveFrom: '2031-12-02', note: 'campaign' },
        actor,
        now,
      )
      expect(saved).toMatchObject({ key: 'own_discount_rate', value: 12.5, unit: 'percent', previousValue: 10 })
      expect(
        await db.privileged.businessSetting.findUniqueOrThrow({
          where: { key_effectiveFrom: { key: 'own_discount_rate', effectiveFrom: new Date('2031-12-02') } },
        }),
      ).toMatchObject({ value: 1_250 })
      expect((await businessRules(db.privileged, new Date('2031-12-02T00:00:00+09:00'))).ownDiscountBps).toBe(1_250)
      expect((await businessRules(db.privileged, new Date('2031-12-01T23:59:00+09:00'))).ownDiscountBps).toBe(1_000)
      const audit = await db.privileged.auditLog.findFirstOrThrow({
        where: { entity: 'business_setting', entityId: 'own_discount_rate@2031-12-02' },
      })
      expect(audit).toMatchObject({
        actorId: 'hq-user',
        action: 'create',
        before: { value: 10, unit: 'percent' },
        after: { value: 12.5, unit: 'percent', effectiveFrom: '2031-12-02' },
      })
    } finally {
      await db.privileged.businessSetting.deleteMany({ where: { effectiveFrom: new Date('2031-12-02') } })
      invalidateBusinessRules()
    }
  })
})
