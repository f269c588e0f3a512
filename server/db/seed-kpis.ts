// Demo history for the executive dashboard (issue 13): six hotels over the six months before the
// seed ran, one per movement the KPIs know, across the four sales channels, with acquisition spend,
// tracking-link visits and NPS answers. Months are relative to the seed's month M (Tokyo); the
// numbers are fixed, so tests/e2e/kpis.test.ts can check the dashboard against values by hand:
//   はなれ (direct)        Economy monthly M-6…M-4, Standard M-3…M-1      expansion +30,000 in M-3
//   浜風 (agent, gold)     Professional biennial from M-5, 2,457,600      MRR 102,400 (÷ 24)
//   (the referrers are the demo's own: agents 九州リゾートパートナーズ (gold) and 北海道セールス
//   (bronze), without users or bank accounts, and はなれ; the sign-in agents' numbers stay as they were)
//   こもれび (customer)    Standard M-6…M-3, Economy M-2…M-1              contraction −30,000 in M-2
//   ベイサイド (PMS mews)  Economy M-6…M-5, none M-4…M-3, again M-2…M-1   churn M-4, reactivation M-2
//   しずく (direct)        Economy M-5, refunded and cancelled in M-4     churn −29,800 in M-4
//   銀座テラス (agent)     Standard monthly M-4…M-1                        new +59,800 in M-4
// With 紅葉旅館 of the payout demo (agent, Standard M-3…M-1) MRR in M-1 is ¥341,400.
import { createHash, randomBytes } from 'node:crypto'
import { issueInvoice, recordPayment } from '../services/billing.ts'
import { issueCreditNote } from '../services/invoice-documents.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { addMonthsToMonth, monthlyCommission } from '../../shared/domain/referrals.ts'
import type { PrismaClient } from './client.ts'
import type { BillingCycle, ReferrerType } from '../generated/prisma/client.ts'

interface DemoKpiHotel {
  slug: string
  name: string
  channel: 'direct' | ReferrerType
  referrer?: 'gold' | 'bronze' | 'kpi-hanare' | 'mews'
  /** [first month offset, last month offset, plan, cycle]: one invoice per month (or one per cycle). */
  spans: [number, number, string, BillingCycle][]
  cancelledAt?: number
  refund?: boolean
}

export const DEMO_KPI_HOTELS: DemoKpiHotel[] = [
  {
    slug: 'kpi-hanare',
    name: '湯元 はなれ',
    channel: 'direct',
    spans: [
      [-6, -4, 'LEISURE_ECONOMY', 'monthly'],
      [-3, -1, 'LEISURE_STANDARD', 'monthly'],
    ],
  },
  {
    slug: 'kpi-hamakaze',
    name: 'ホテル浜風',
    channel: 'agent',
    referrer: 'gold',
    spans: [[-5, -5, 'OMOTENASU_PROFESSIONAL', 'biennial']],
  },
  {
    slug: 'kpi-komorebi',
    name: '旅館 こもれび',
    channel: 'customer',
    referrer: 'kpi-hanare',
    spans: [
      [-6, -3, 'LEISURE_STANDARD', 'monthly'],
      [-2, -1, 'LEISURE_ECONOMY', 'monthly'],
    ],
  },
  {
    slug: 'kpi-bayside',
    name: 'ベイサイド イン',
    channel: 'pms_vendor',
    referrer: 'mews',
    spans: [
      [-6, -5, 'LEISURE_ECONOMY', 'monthly'],
      [-2, -1, 'LEISURE_ECONOMY', 'monthly'],
    ],
  },
  {
    slug: 'kpi-shizuku',
    name: '山の宿 しずく',
    channel: 'direct',
    spans: [[-5, -5, 'LEISURE_ECONOMY', 'monthly']],
    cancelledAt: -4,
    refund: true,
  },
  {
    slug: 'kpi-ginza',
    name: 'ホテル銀座テラス',
    channel: 'agent',
    referrer: 'bronze',
    spans: [[-4, -1, 'LEISURE_STANDARD', 'monthly']],
  },
]

/** Acquisition spend per channel and month, M-6…M-1. */
export const DEMO_SPEND = { direct: 50_000, agent: 100_000, customer: 0, pms_vendor: 30_000 }

export async function seedDemoKpiHistory(db: PrismaClient, count: (table: string) => void, now = new Date()) {
  const M = periodKey(now, 'month')
  const at = (offset: number, day = 1) => `${addMonthsToMonth(M, offset)}-${String(day).padStart(2, '0')}`
  const agent = async (email: string, companyName: string, rank: 'gold' | 'bronze') =>
    (await db.agent.findFirst({ where: { email } })) ??
    (await db.agent.create({
      data: { email, companyName, contactName: 'デモ', rank, createdAt: new Date(`${at(-7)}T00:00:00+09:00`) },
    }))
  const agents = {
    gold: await agent('kpi-gold@agents.example', '九州リゾートパートナーズ株式会社', 'gold'),
    bronze: await agent('kpi-bronze@agents.example', '北海道セールス株式会社', 'bronze'),
  }
  const mews = await db.pmsVendor.findUnique({ where: { code: 'mews' } })

  for (const hotel of DEMO_KPI_HOTELS) {
    if (await db.tenant.findUnique({ where: { slug: hotel.slug } })) continue
    const [firstOffset, , , firstCycle] = hotel.spans[0]!
    const lastPlan = hotel.spans[hotel.spans.length - 1]![2]
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: lastPlan } })
    const tenant = await db.tenant.create({
      data: {
        slug: hotel.slug,
        name: hotel.name,
        planId: plan.id,
        billingCycle: firstCycle,
        contractStartDate: new Date(at(firstOffset)),
        createdAt: new Date(`${at(firstOffset)}T00:00:00+09:00`),
        settings: { create: {} },
      },
    })
    count('tenants')
    if (hotel.channel !== 'direct') {
      const referrer =
        hotel.referrer === 'gold' || hotel.referrer === 'bronze'
          ? { referrerAgentId: agents[hotel.referrer].id }
          : hotel.referrer === 'kpi-hanare'
            ? { referrerTenantId: (await db.tenant.findUnique({ where: { slug: 'kpi-hanare' } }))?.id }
            : { referrerPmsVendorId: mews?.id }
      const referral = await db.referral.create({
        data: {
          code: `KPI-${randomBytes(6).toString('hex').toUpperCase()}`,
          referrerType: hotel.channel,
          ...referrer,
          referredTenantId: tenant.id,
          status: 'converted',
          convertedAt: new Date(`${at(firstOffset, 5)}T00:00:00+09:00`),
          campaign: 'demo-kpi',
          createdAt: new Date(`${at(firstOffset - 1, 10)}T00:00:00+09:00`),
        },
      })
      count('referrals')
      // Visits of its tracking link in the month before the signup: 12 distinct visitors.
      await db.referralVisit.createMany({
        data: Array.from({ length: 12 }, (_, i) => ({
          referralId: referral.id,
          day: new Date(at(firstOffset - 1, 10 + (i % 10))),
          visitorHash: createHash('sha256').update(`${hotel.slug}:${i}`).digest('base64url'),
        })),
      })
    }
    const referralId = (await db.referral.findFirst({ where: { referredTenantId: tenant.id } }))?.id
    const rank = hotel.referrer === 'gold' || hotel.referrer === 'bronze' ? agents[hotel.referrer].rank : null
    const marginBps = rank
      ? (await db.agentRankSetting.findUniqueOrThrow({ where: { rank } })).firstYearMarginBps
      : null
    let lastInvoice: { id: string } | null = null
    for (const [from, to, planCode, cycle] of hotel.spans) {
      const spanPlan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
      const step = cycle === 'biennial' ? 24 : cycle === 'yearly' ? 12 : 1
      for (let offset = from; offset <= to; offset += step) {
        const invoice = await issueInvoice(db, tenant, spanPlan, cycle, at(offset), [], [], new Date(at(offset)))
        await recordPayment(db, tenant.id, invoice.id, {
          method: 'manual',
          paidAt: new Date(`${at(offset, 5)}T00:00:00+09:00`),
        })
        count('invoices')
        lastInvoice = invoice
        // The agent's commissions of the months invoiced up to last month, as the daily job records them.
        for (let i = 0; referralId && marginBps && i < invoice.months && offset + i <= -1; i++) {
          const fee = Math.floor(invoice.subtotal / invoice.months)
          await db.referralPayment.create({
            data: {
              tenantId: tenant.id,
              referralId,
              paymentMonth: new Date(at(offset + i)),
              contractMonth: offset + i - firstOffset + 1,
              feeAttributable: fee,
              rateBps: marginBps,
              amount: monthlyCommission(fee, marginBps),
            },
          })
          count('referral_payments')
        }
      }
    }
    if (hotel.refund && lastInvoice) {
      await db.$transaction(async (tx) => {
        await issueCreditNote(tx, {
          tenantId: tenant.id,
          invoiceId: lastInvoice.id,
          reason: '返金保証期間内の全額返金（デモ）',
          now: new Date(`${at(hotel.cancelledAt ?? -1, 10)}T03:00:00Z`),
        })
        await tx.invoice.update({
          where: { tenantId_id: { tenantId: tenant.id, id: lastInvoice.id } },
          data: { status: 'refunded' },
        })
      })
    }
    if (hotel.cancelledAt !== undefined)
      await db.tenant.update({
        where: { id: tenant.id },
        data: { status: 'cancelled', cancelledAt: new Date(`${at(hotel.cancelledAt, 10)}T03:00:00Z`) },
      })
  }

  // Visits of the sign-in gold agent's demo tracking link: last month and this month.
  const demoCode = await db.referral.findFirst({ where: { campaign: 'demo', referrerType: 'agent' } })
  if (demoCode && !(await db.referralVisit.count({ where: { referralId: demoCode.id } })))
    await db.referralVisit.createMany({
      data: [...Array.from({ length: 8 }, (_, i) => at(-1, 3 + i)), ...Array.from({ length: 5 }, () => at(0, 1))].map(
        (day, i) => ({
          referralId: demoCode.id,
          day: new Date(day),
          visitorHash: createHash('sha256').update(`demo:${i}`).digest('base64url'),
        }),
      ),
    })

  for (let offset = -6; offset <= -1; offset++)
    for (const [channel, amount] of Object.entries(DEMO_SPEND)) {
      if (!amount) continue
      await db.acquisitionSpend.upsert({
        where: { channel_month: { channel, month: new Date(at(offset)) } },
        create: { channel, month: new Date(at(offset)), amount, note: 'デモ' },
        update: {},
      })
    }

  // Last quarter's NPS answers of the demo owners: 10, 9 and 6 → NPS 33.
  const answers: [string, number, string][] = [
    ['owner@hotel-a.example', 10, 'フロントへの問い合わせが目に見えて減りました。'],
    ['owner@hotel-c.example', 9, '多言語対応が助かっています。'],
    ['manager@hotel-b.example', 6, '音声の聞き取りがもう少し正確だと嬉しいです。'],
  ]
  const quarterMonth = addMonthsToMonth(M, -1)
  for (const [email, score, comment] of answers) {
    const user = await db.user.findUnique({ where: { email } })
    if (!user) continue
    const quarter = `demo-${quarterMonth}`
    await db.npsSurvey.upsert({
      where: { quarter_userId: { quarter, userId: user.id } },
      create: {
        quarter,
        userId: user.id,
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
        expiresAt: new Date(`${at(-1, 28)}T00:00:00+09:00`),
        sentAt: new Date(`${at(-1, 1)}T01:00:00+09:00`),
        score,
        comment,
        answeredAt: new Date(`${at(-1, 3)}T01:00:00+09:00`),
      },
      update: {},
    })
    count('nps_surveys')
  }
}
