// The KPIs and the referral funnel on a real database: visits counted once per visitor and day
// (salted daily hash, bots out), a signup without a visit, an agent and a vendor seeing only their
// own codes, the dashboard's numbers from real invoices (months of 2031, which no other test uses),
// and the NPS survey answered once through its token.
import { describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { issueCreditNote } from '../../server/services/invoice-documents'
import { recordVisit, referrerFunnel } from '../../server/services/funnel'
import { kpiDashboard } from '../../server/services/kpis'
import { answerNpsSurvey, npsSurveyByToken, sendNpsSurveys } from '../../server/services/nps'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36'

async function agentWithCode() {
  const agent = await db.privileged.agent.create({
    data: { companyName: uniq('Funnel Co'), contactName: 'F', email: `${uniq('f')}@x.example` },
  })
  const referral = await db.privileged.referral.create({
    data: { code: uniq('FUN'), referrerType: 'agent', referrerAgentId: agent.id },
  })
  return { agent, referral }
}

describe('visits', () => {
  it('counts a visitor once a day: again the same day is 1, the next day 2; bots and unknown codes none', async () => {
    const { agent, referral } = await agentWithCode()
    const visitor = { ip: '203.0.113.7', userAgent: BROWSER }
    const day1 = new Date('2031-03-10T01:00:00Z')
    const day2 = new Date('2031-03-11T01:00:00Z')
    expect(await recordVisit(referral.code, visitor, day1)).toBe('counted')
    expect(await recordVisit(referral.code, visitor, new Date('2031-03-10T09:00:00Z'))).toBe('repeat')
    expect(await recordVisit(referral.code, { ip: '203.0.113.8', userAgent: BROWSER }, day1)).toBe('counted')
    expect(await recordVisit(referral.code, { ip: '203.0.113.9', userAgent: 'Googlebot/2.1' }, day1)).toBe('bot')
    expect(await recordVisit('NO-SUCH-CODE', visitor, day1)).toBe('unknown_code')
    expect(await recordVisit(referral.code, visitor, day2)).toBe('counted')

    const rows = await db.privileged.referralVisit.findMany({ where: { referralId: referral.id } })
    expect(rows).toHaveLength(3)
    // No address is stored, and the same visitor hashes differently on another day (the salt rotates).
    expect(JSON.stringify(rows)).not.toContain('203.0.113')
    const [a, b] = [rows.find((r) => r.day.toISOString().startsWith('2031-03-10'))!, rows.at(-1)!]
    expect(a.visitorHash).not.toBe(b.visitorHash)
    // Only the current day's salt is kept.
    expect((await db.privileged.visitSalt.findMany()).map((s) => s.day.toISOString().slice(0, 10))).toEqual([
      '2031-03-11',
    ])
    const funnel = await referrerFunnel({ agentId: agent.id }, '2031-03', '2031-03')
    expect(funnel.total).toMatchObject({ visits: 3, signups: 0, paying: 0 })
  })

  it('counts a signup without a visit, and conversion rates only where there is a denominator', async () => {
    const { agent, referral } = await agentWithCode()
    const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('nv'), name: 'No visit', planId: plan.id, createdAt: new Date('2031-04-02T00:00:00Z') },
    })
    await db.privileged.referral.update({
      where: { id: referral.id },
      data: { referredTenantId: tenant.id, status: 'converted', convertedAt: new Date('2031-04-20T00:00:00Z') },
    })
    const funnel = await referrerFunnel({ agentId: agent.id }, '2031-04', '2031-04')
    expect(funnel.total).toMatchObject({ visits: 0, signups: 1, paying: 1, signupBps: null, payingBps: 10_000 })
    expect(funnel.byCode).toEqual([expect.objectContaining({ code: referral.code, signups: 1 })])
  })

  it('shows an agent only its own codes, and a vendor only its own', async () => {
    const mine = await agentWithCode()
    const theirs = await agentWithCode()
    const visitor = { ip: '198.51.100.1', userAgent: BROWSER }
    await recordVisit(theirs.referral.code, visitor, new Date('2031-05-01T01:00:00Z'))
    const funnel = await referrerFunnel({ agentId: mine.agent.id }, '2031-05', '2031-05')
    expect(funnel.byCode.map((c) => c.code)).toEqual([mine.referral.code])
    expect(funnel.total.visits).toBe(0)

    const vendor = await db.privileged.pmsVendor.create({ data: { code: uniq('v'), name: 'Vendor X' } })
    const other = await db.privileged.pmsVendor.create({ data: { code: uniq('v'), name: 'Vendor Y' } })
    const vendorCode = await db.privileged.referral.create({
      data: { code: uniq('PV'), referrerType: 'pms_vendor', referrerPmsVendorId: vendor.id },
    })
    await db.privileged.referral.create({
      data: { code: uniq('PO'), referrerType: 'pms_vendor', referrerPmsVendorId: other.id },
    })
    await recordVisit(vendorCode.code, visitor, new Date('2031-05-01T01:00:00Z'))
    const vendorFunnel = await referrerFunnel({ pmsVendorId: vendor.id }, '2031-05', '2031-05')
    expect(vendorFunnel.byCode.map((c) => c.code)).toEqual([vendorCode.code])
    expect(vendorFunnel.total.visits).toBe(1)
  })
})

describe('the dashboard from real invoices', () => {
  it('computes MRR, movements, churn and revenue of 2031-01…2031-04 as by hand', async () => {
    const plans = Object.fromEntries(
      (await db.privileged.subscriptionPlan.findMany()).map((p) => [p.planCode, p] as const),
    )
    const hotel = async (name: string) =>
      db.privileged.tenant.create({
        data: { slug: uniq('kpi'), name, planId: plans.LEISURE_ECONOMY!.id, contractStartDate: new Date('2031-01-01') },
      })
    const bill = async (
      tenant: { id: string; slug: string; name: string },
      plan: string,
      cycle: 'monthly' | 'biennial',
      month: string,
    ) => {
      const invoice = await issueInvoice(
        db.privileged,
        tenant,
        plans[plan]!,
        cycle,
        `${month}-01`,
        [],
        [],
        new Date(`${month}-01T00:00:00Z`),
      )
      await recordPayment(db.privileged, tenant.id, invoice.id, {
        method: 'manual',
        paidAt: new Date(`${month}-05T00:00:00Z`),
      })
      return invoice
    }
    // A: Economy Jan–Feb, Standard Mar–Apr (expansion +30,000 in March)
    const a = await hotel('A')
    for (const m of ['2031-01', '2031-02']) await bill(a, 'LEISURE_ECONOMY', 'monthly', m)
    for (const m of ['2031-03', '2031-04']) await bill(a, 'LEISURE_STANDARD', 'monthly', m)
    // B: Professional biennial from February: 128,000 × 24 × 0.8 = 2,457,600 → MRR 102,400
    const b = await hotel('B')
    const biennial = await bill(b, 'OMOTENASU_PROFESSIONAL', 'biennial', '2031-02')
    expect(biennial.subtotal).toBe(2_457_600)
    // C: Standard Jan, refunded in February and cancelled (churn −59,800 in February)
    const c = await hotel('C')
    const refunded = await bill(c, 'LEISURE_STANDARD', 'monthly', '2031-01')
    await db.privileged.$transaction((tx) =>
      issueCreditNote(tx, {
        tenantId: c.id,
        invoiceId: refunded.id,
        reason: 'refund',
        now: new Date('2031-02-10T03:00:00Z'),
      }),
    )
    await db.privileged.tenant.update({
      where: { id: c.id },
      data: { status: 'cancelled', cancelledAt: new Date('2031-02-10T03:00:00Z') },
    })
    // D: Economy Jan, nothing Feb (lapse), Economy again in April (reactivation)
    const d = await hotel('D')
    await bill(d, 'LEISURE_ECONOMY', 'monthly', '2031-01')
    await bill(d, 'LEISURE_ECONOMY', 'monthly', '2031-04')

    const k = await kpiDashboard('2031-01', '2031-04')
    const by = Object.fromEntries(k.months.map((m) => [m.month, m]))
    // Jan: 29,800 + 59,800 + 29,800
    expect(by['2031-01']!.mrr).toBe(119_400)
    // Feb: A 29,800 + B 102,400; C cancelled, D lapsed
    expect(by['2031-02']!.mrr).toBe(132_200)
    expect(by['2031-02']!.movements).toEqual({
      new: 102_400,
      expansion: 0,
      contraction: 0,
      churned: -89_600,
      reactivation: 0,
    })
    expect(by['2031-02']!.logoChurnBps).toBe(6_666) // 2 of 3
    expect(by['2031-02']!.revenue).toBe(29_800 + 102_400 - 59_800) // C's refund in its credit note's month
    expect(by['2031-03']!.movements.expansion).toBe(30_000)
    expect(by['2031-03']!.mrr).toBe(162_200)
    expect(by['2031-04']!.movements.reactivation).toBe(29_800)
    expect(by['2031-04']!.mrr).toBe(192_000)
    expect(by['2031-04']!.arr).toBe(2_304_000)
    expect(by['2031-04']!.hotelsByChannel.direct).toBe(3)
  })
})

describe('NPS surveys', () => {
  it('mails each owner once per quarter; the link answers once, in the owner language', async () => {
    const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
    const tenant = await db.privileged.tenant.create({
      data: { slug: uniq('nps'), name: 'NPS Hotel', planId: plan.id },
    })
    const email = `${uniq('owner')}@nps.example`
    const user = await db.privileged.user.create({ data: { email, name: 'Owner', passwordHash: 'x', locale: 'en' } })
    await db.privileged.tenantMembership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'owner' } })
    const now = new Date('2031-04-01T01:00:00Z')
    const first = await db.privileged.$transaction((tx) => sendNpsSurveys(tx, now, 'http://localhost:3000'))
    expect(first.quarter).toBe('2031-Q2')
    const again = await db.privileged.$transaction((tx) => sendNpsSurveys(tx, now, 'http://localhost:3000'))
    const mails = await db.privileged.mailMessage.findMany({ where: { toAddress: email } })
    expect(mails).toHaveLength(1)
    expect(again.sent).toBeLessThan(first.sent)
    expect(mails[0]!.subject).toContain('recommend')
    const token = decodeURIComponent(mails[0]!.textBody.match(/token=([^\s]+)/)![1]!)
    expect(await npsSurveyByToken(token, now)).toMatchObject({ quarter: '2031-Q2', locale: 'en', answered: false })
    await answerNpsSurvey({ token, score: 9, comment: 'Great' }, now)
    await expect(answerNpsSurvey({ token, score: 0 }, now)).rejects.toMatchObject({ kind: 'conflict' })
    const row = await db.privileged.npsSurvey.findFirstOrThrow({ where: { userId: user.id } })
    expect(row).toMatchObject({ score: 9, comment: 'Great' })
    await expect(npsSurveyByToken('x'.repeat(43), now)).rejects.toMatchObject({ kind: 'not_found' })
  })
})
