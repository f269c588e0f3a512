// The commission job on a real database: 14 months of invoices through all three referral types
// give the exact ledger; running it twice, concurrently, or after a crash midway gives the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import { runJobOnce } from '../../server/services/jobs'
import { ensureCatalogue, testClients, uniq } from '../helpers/db'

let db: ReturnType<typeof testClients>
beforeAll(async () => {
  db = testClients()
  await ensureCatalogue(db.privileged)
})
afterAll(async () => {
  await db.close()
})

const months = (start: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${start}T00:00:00Z`)
    d.setUTCMonth(d.getUTCMonth() + i)
    return d.toISOString().slice(0, 10)
  })

async function referredHotel(
  referral: {
    referrerType: 'agent' | 'customer' | 'pms_vendor'
    referrerAgentId?: string
    referrerTenantId?: string
    referrerPmsVendorId?: string
  },
  planCode: string,
) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({
    data: { slug: uniq('ref'), name: 'Referred', planId: plan.id, contractStartDate: new Date('2026-01-15') },
  })
  const row = await db.privileged.referral.create({
    data: { code: uniq('C'), referredTenantId: tenant.id, ...referral },
  })
  // 14 monthly invoices from the contract start, each paid (the first converts the referral).
  for (const start of months('2026-01-15', 14)) {
    const invoice = await issueInvoice(db.privileged, tenant, plan, 'monthly', start)
    await db.privileged.$transaction((tx) =>
      recordPayment(tx, tenant.id, invoice.id, { method: 'manual', paidAt: new Date(`${start}T01:00:00Z`) }),
    )
  }
  return { tenant, referral: row }
}

describe('commission job', () => {
  it('records the exact ledger for 14 months of three referral types, once', async () => {
    const agent = await db.privileged.agent.create({
      data: { companyName: 'Gold Co', contactName: 'G', email: `${uniq('g')}@x.example`, rank: 'gold' },
    })
    const referrerHotel = await db.privileged.tenant.create({
      data: {
        slug: uniq('referrer'),
        name: 'Referrer',
        planId: (await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })).id,
      },
    })
    const vendor = await db.privileged.pmsVendor.create({
      data: { code: uniq('pms'), name: 'Vendor', commissionRateBps: 2_000 },
    })
    const viaAgent = await referredHotel({ referrerType: 'agent', referrerAgentId: agent.id }, 'OMOTENASU_PROFESSIONAL')
    const viaCustomer = await referredHotel(
      { referrerType: 'customer', referrerTenantId: referrerHotel.id },
      'LEISURE_STANDARD',
    )
    const viaVendor = await referredHotel(
      { referrerType: 'pms_vendor', referrerPmsVendorId: vendor.id },
      'LEISURE_ECONOMY',
    )

    const now = new Date('2027-02-20T03:00:00Z') // contract months 1..14 have all been billed
    const outcome = await runJobOnce(db.privileged, 'commissions-test', uniq('day'), (tx) =>
      recordDueCommissions(tx, now),
    )
    expect(outcome.status).toBe('ran')

    const ledger = async (referralId: string) =>
      (await db.privileged.referralPayment.findMany({ where: { referralId }, orderBy: { paymentMonth: 'asc' } })).map(
        (p) => [p.paymentMonth.toISOString().slice(0, 7), p.contractMonth, p.feeAttributable, p.rateBps, p.amount],
      )
    const agentLedger = await ledger(viaAgent.referral.id)
    expect(agentLedger).toHaveLength(14)
    expect(agentLedger[0]).toEqual(['2026-01', 1, 128_000, 3_000, 38_400])
    expect(agentLedger[11]).toEqual(['2026-12', 12, 128_000, 3_000, 38_400])
    expect(agentLedger[12]).toEqual(['2027-01', 13, 128_000, 1_500, 19_200])
    expect(agentLedger[13]).toEqual(['2027-02', 14, 128_000, 1_500, 19_200])
    const customerLedger = await ledger(viaCustomer.referral.id)
    expect(customerLedger).toHaveLength(12) // 5% for 12 months only
    expect(customerLedger[0]).toEqual(['2026-01', 1, 59_800, 500, 2_990])
    const vendorLedger = await ledger(viaVendor.referral.id)
    expect(vendorLedger).toHaveLength(12)
    expect(vendorLedger[11]).toEqual(['2026-12', 12, 29_800, 2_000, 5_960])
    const total = (l: (string | number)[][]) => l.reduce((s, r) => s + (r[4] as number), 0)
    expect(total(agentLedger)).toBe(38_400 * 12 + 19_200 * 2)
    expect(total(customerLedger)).toBe(2_990 * 12)

    // Twice: nothing new.
    expect(await db.privileged.$transaction((tx) => recordDueCommissions(tx, now))).toEqual({ recorded: 0 })
  })

  it('two concurrent runs and a rerun after a crash midway still give one row per referral and month', async () => {
    const agent = await db.privileged.agent.create({
      data: { companyName: 'Bronze Co', contactName: 'B', email: `${uniq('b')}@x.example` },
    })
    const { referral } = await referredHotel({ referrerType: 'agent', referrerAgentId: agent.id }, 'LEISURE_ECONOMY')
    const now = new Date('2027-02-20T03:00:00Z')
    // A crash after the insert, before commit: the transaction rolls back and leaves nothing.
    await expect(
      db.privileged.$transaction(async (tx) => {
        await recordDueCommissions(tx, now)
        throw new Error('crash')
      }),
    ).rejects.toThrow('crash')
    expect(await db.privileged.referralPayment.count({ where: { referralId: referral.id } })).toBe(0)
    await Promise.all([
      db.privileged.$transaction((tx) => recordDueCommissions(tx, now)),
      db.privileged.$transaction((tx) => recordDueCommissions(tx, now)),
    ])
    expect(await db.privileged.referralPayment.count({ where: { referralId: referral.id } })).toBe(14)
    const rows = await db.privileged.referralPayment.findMany({ where: { referralId: referral.id } })
    expect(new Set(rows.map((r) => r.paymentMonth.toISOString())).size).toBe(14)
    expect(rows.find((r) => r.contractMonth === 1)).toMatchObject({ rateBps: 2_000, amount: 5_960 })
  })

  it('months not yet reached are not recorded; pending referrals earn nothing', async () => {
    const agent = await db.privileged.agent.create({
      data: { companyName: 'Early Co', contactName: 'E', email: `${uniq('e')}@x.example` },
    })
    const { referral } = await referredHotel({ referrerType: 'agent', referrerAgentId: agent.id }, 'LEISURE_ECONOMY')
    await db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date('2026-06-10T03:00:00Z')))
    expect(await db.privileged.referralPayment.count({ where: { referralId: referral.id } })).toBe(6) // Jan..Jun
    const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const pendingHotel = await db.privileged.tenant.create({
      data: { slug: uniq('pend'), name: 'P', planId: plan.id, contractStartDate: new Date('2026-01-15') },
    })
    const pending = await db.privileged.referral.create({
      data: { code: uniq('P'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: pendingHotel.id },
    })
    await issueInvoice(db.privileged, pendingHotel, plan, 'monthly', '2026-01-15') // issued, never paid
    await db.privileged.$transaction((tx) => recordDueCommissions(tx, new Date('2026-06-10T03:00:00Z')))
    expect(await db.privileged.referralPayment.count({ where: { referralId: pending.id } })).toBe(0)
  })
})
