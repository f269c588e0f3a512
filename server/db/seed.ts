// Demo data: the DOMAIN.md catalogue plus three hotels, their staff, HQ, two agents and the PMS
// vendors. Idempotent (upserts on natural keys). Runs on the privileged (RLS-bypassing) client.
import { AGENT_RANKS, DEFAULT_PLANS, DEFAULT_PMS_VENDORS, DEFAULT_RANKS } from '../../shared/domain/catalogue.ts'
import { randomBytes } from 'node:crypto'
import { createPasswordHash } from '../lib/password.ts'
import { issueInvoice, recordPayment } from '../services/billing.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { addMonthsToMonth, monthlyCommission } from '../../shared/domain/referrals.ts'
import { toZenginName } from '../../shared/domain/zengin.ts'
import { CYCLE_DISCOUNT_BPS } from '../../shared/domain/billing.ts'
import type { PrismaClient } from './client.ts'
import { seedDemoRoi } from './seed-roi.ts'
import { seedDemoKpiHistory } from './seed-kpis.ts'
import type { BillingCycle, MembershipRole, AgentRank } from '../generated/prisma/client.ts'

export const DEMO_PASSWORD = 'omotenasu-demo'

export const DEMO_HOTELS = [
  {
    slug: 'hotel-a',
    name: '旅館 さくら (Ryokan Sakura)',
    planCode: 'LEISURE_ECONOMY',
    billingCycle: 'monthly' as BillingCycle,
    rooms: ['101', '102', '103', '201', '202'],
  },
  {
    slug: 'hotel-b',
    name: 'ホテル京都ガーデン (Hotel Kyoto Garden)',
    planCode: 'OMOTENASU_PROFESSIONAL',
    billingCycle: 'yearly' as BillingCycle,
    rooms: ['301', '302', '303', '401'],
  },
  {
    slug: 'hotel-c',
    name: 'グランド東京ベイ (Grand Tokyo Bay)',
    planCode: 'OMOTENASU_ENTERPRISE',
    billingCycle: 'biennial' as BillingCycle,
    rooms: ['1001', '1002', '1501'],
  },
]

export const DEMO_USERS: {
  email: string
  name: string
  hq?: boolean
  agent?: string
  memberships?: [string, MembershipRole][]
}[] = [
  { email: 'hq@omotenasu.example', name: '本部 管理者 (HQ Admin)', hq: true },
  { email: 'owner@hotel-a.example', name: '佐藤 花子 (Owner, Hotel A)', memberships: [['hotel-a', 'owner']] },
  { email: 'staff@hotel-a.example', name: '鈴木 一郎 (Staff, Hotel A)', memberships: [['hotel-a', 'staff']] },
  { email: 'manager@hotel-b.example', name: '高橋 健 (Manager, Hotel B)', memberships: [['hotel-b', 'manager']] },
  {
    email: 'owner@hotel-c.example',
    name: '田中 美咲 (Owner, Hotel C)',
    memberships: [
      ['hotel-c', 'owner'],
      ['hotel-b', 'staff'],
    ],
  },
  {
    email: 'agent-gold@agents.example',
    name: '山本 誠 (Kansai Hospitality Partners)',
    agent: 'Kansai Hospitality Partners',
  },
  { email: 'agent-bronze@agents.example', name: '中村 愛 (Tokyo Sales Works)', agent: 'Tokyo Sales Works' },
]

const DEMO_AGENTS: { companyName: string; contactName: string; email: string; rank: AgentRank }[] = [
  {
    companyName: 'Kansai Hospitality Partners',
    contactName: '山本 誠',
    email: 'agent-gold@agents.example',
    rank: 'gold',
  },
  { companyName: 'Tokyo Sales Works', contactName: '中村 愛', email: 'agent-bronze@agents.example', rank: 'bronze' },
]

export interface SeedReport {
  [table: string]: number
}

/** The DOMAIN.md plan catalogue and agent ranks (upserts: existing rows, edited by HQ, are kept). */
export async function seedCatalogue(db: PrismaClient, count: (table: string) => void = () => {}): Promise<void> {
  for (const [sortOrder, plan] of DEFAULT_PLANS.entries()) {
    await db.subscriptionPlan.upsert({ where: { planCode: plan.planCode }, create: { ...plan, sortOrder }, update: {} })
    count('subscription_plans')
  }
  for (const rank of DEFAULT_RANKS) {
    await db.agentRankSetting.upsert({
      where: { rank: rank.rank },
      create: { ...rank, sortOrder: AGENT_RANKS.indexOf(rank.rank) },
      update: {},
    })
    count('agent_rank_settings')
  }
}

export async function seedDemoData(db: PrismaClient): Promise<SeedReport> {
  const report: SeedReport = {}
  const count = (table: string) => {
    report[table] = (report[table] ?? 0) + 1
  }

  await seedCatalogue(db, count)
  for (const vendor of DEFAULT_PMS_VENDORS) {
    await db.pmsVendor.upsert({ where: { code: vendor.code }, create: vendor, update: {} })
    count('pms_vendors')
  }

  const tenantIds = new Map<string, string>()
  for (const hotel of DEMO_HOTELS) {
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: hotel.planCode } })
    const cycleDiscount = CYCLE_DISCOUNT_BPS[hotel.billingCycle]
    const tenant = await db.tenant.upsert({
      where: { slug: hotel.slug },
      create: {
        slug: hotel.slug,
        name: hotel.name,
        planId: plan.id,
        billingCycle: hotel.billingCycle,
        discountRateBps: cycleDiscount,
        contractStartDate: new Date(periodKey(new Date(), 'day')),
        settings: { create: {} },
      },
      update: {},
    })
    tenantIds.set(hotel.slug, tenant.id)
    count('tenants')
    for (const [i, roomNumber] of hotel.rooms.entries()) {
      await db.room.upsert({
        where: { tenantId_roomNumber: { tenantId: tenant.id, roomNumber } },
        create: {
          tenantId: tenant.id,
          roomNumber,
          floor: Number(roomNumber.slice(0, -2)),
          roomType: i % 2 ? 'twin' : 'double',
        },
        update: {},
      })
      count('rooms')
    }
  }

  const agentIds = new Map<string, string>()
  for (const agent of DEMO_AGENTS) {
    const existing = await db.agent.findFirst({ where: { email: agent.email } })
    const row = existing ?? (await db.agent.create({ data: agent }))
    agentIds.set(agent.companyName, row.id)
    count('agents')
  }

  // Each hotel's first invoice (contract start); hotel-b has paid its own.
  for (const hotel of DEMO_HOTELS) {
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: hotel.slug }, include: { plan: true } })
    if ((await db.invoice.count({ where: { tenantId: tenant.id } })) > 0) continue
    const invoice = await issueInvoice(
      db,
      tenant,
      tenant.plan,
      tenant.billingCycle,
      tenant.contractStartDate.toISOString().slice(0, 10),
    )
    count('invoices')
    if (hotel.slug === 'hotel-b') await recordPayment(db, tenant.id, invoice.id, { method: 'manual' })
  }

  // A pending referral code of the gold agent, for trying /signup?ref=CODE.
  const gold = agentIds.get('Kansai Hospitality Partners')!
  if (!(await db.referral.findFirst({ where: { referrerAgentId: gold, campaign: 'demo' } }))) {
    await db.referral.create({
      data: {
        code: `KHP-${randomBytes(6).toString('hex').toUpperCase()}`,
        referrerType: 'agent',
        referrerAgentId: gold,
        campaign: 'demo',
        notes: 'Demo tracking link',
      },
    })
    count('referrals')
  }

  await seedDemoPayee(db, count)
  await seedDemoRoi(db, DEMO_PASSWORD, count)

  const passwordHash = await createPasswordHash(DEMO_PASSWORD)
  await seedDemoGuarantee(db, passwordHash, count)
  for (const user of DEMO_USERS) {
    const row = await db.user.upsert({
      where: { email: user.email },
      create: {
        email: user.email,
        name: user.name,
        passwordHash,
        isHqAdmin: user.hq ?? false,
        agentId: user.agent ? agentIds.get(user.agent) : null,
      },
      update: {},
    })
    count('users')
    for (const [slug, role] of user.memberships ?? []) {
      const tenantId = tenantIds.get(slug)!
      await db.tenantMembership.upsert({
        where: { tenantId_userId: { tenantId, userId: row.id } },
        create: { tenantId, userId: row.id, role },
        update: {},
      })
      count('tenant_memberships')
    }
  }
  await seedDemoKpiHistory(db, count)
  return report
}

/**
 * A payee HQ can pay at once on a fresh install: an agent with a bank account and a registration
 * number, and a hotel it referred whose guarantee period has ended, with three paid months of
 * commissions, all in closed months (the last one is last month, Tokyo) and above the ¥5,000 minimum.
 * The months are fixed when first seeded; reruns change nothing.
 */
export const DEMO_PAYEE = {
  companyName: 'Osaka Bay Hospitality 株式会社',
  contactName: '松本 直樹',
  email: 'agent-payouts@agents.example',
  rank: 'silver' as AgentRank,
  qualifiedInvoiceNumber: 'T7000012050002',
  hotelSlug: 'hotel-momiji',
  hotelName: '紅葉旅館 (Ryokan Momiji)',
  holderKana: 'オオサカベイホスピタリティー株式会社',
}

async function seedDemoPayee(db: PrismaClient, count: (table: string) => void) {
  const existing = await db.agent.findFirst({ where: { email: DEMO_PAYEE.email } })
  const agent =
    existing ??
    (await db.agent.create({
      data: {
        companyName: DEMO_PAYEE.companyName,
        contactName: DEMO_PAYEE.contactName,
        email: DEMO_PAYEE.email,
        rank: DEMO_PAYEE.rank,
        qualifiedInvoiceNumber: DEMO_PAYEE.qualifiedInvoiceNumber,
      },
    }))
  if (!existing) count('agents')
  const banks = (
    (await import('zengin-code')) as unknown as {
      default: Record<string, { kana: string; branches: Record<string, { kana: string }> }>
    }
  ).default
  const bank = banks['0001']!
  await db.payeeBankAccount.upsert({
    where: { payeeType_payeeId: { payeeType: 'agent', payeeId: agent.id } },
    create: {
      payeeType: 'agent',
      payeeId: agent.id,
      bankCode: '0001',
      bankName: toZenginName(bank.kana),
      branchCode: '001',
      branchName: toZenginName(bank.branches['001']!.kana),
      accountType: 'ordinary',
      accountNumber: '2345678',
      holderKana: toZenginName(DEMO_PAYEE.holderKana),
    },
    update: {},
  })

  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_STANDARD' } })
  const start = addMonthsToMonth(periodKey(new Date(), 'month'), -3)
  const tenant = await db.tenant.upsert({
    where: { slug: DEMO_PAYEE.hotelSlug },
    create: {
      slug: DEMO_PAYEE.hotelSlug,
      name: DEMO_PAYEE.hotelName,
      planId: plan.id,
      contractStartDate: new Date(`${start}-01`),
      settings: { create: {} },
    },
    update: {},
    include: { plan: true },
  })
  const referral =
    (await db.referral.findFirst({ where: { referredTenantId: tenant.id } })) ??
    (await db.referral.create({
      data: {
        code: `OBH-${randomBytes(6).toString('hex').toUpperCase()}`,
        referrerType: 'agent',
        referrerAgentId: agent.id,
        referredTenantId: tenant.id,
        status: 'converted',
        convertedAt: new Date(`${start}-01T00:00:00Z`),
        campaign: 'demo-payout',
      },
    }))
  if ((await db.invoice.count({ where: { tenantId: tenant.id } })) > 0) return
  const first = periodKey(tenant.contractStartDate, 'month')
  const terms = await db.agentRankSetting.findUniqueOrThrow({ where: { rank: agent.rank } })
  for (let i = 0; i < 3; i++) {
    const month = addMonthsToMonth(first, i)
    const invoice = await issueInvoice(db, tenant, tenant.plan, 'monthly', `${month}-01`)
    await recordPayment(db, tenant.id, invoice.id, { method: 'manual', paidAt: new Date(`${month}-05T00:00:00Z`) })
    count('invoices')
    const fee = invoice.subtotal
    await db.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date(`${month}-01`),
        contractMonth: i + 1,
        feeAttributable: fee,
        rateBps: terms.firstYearMarginBps,
        amount: monthlyCommission(fee, terms.firstYearMarginBps),
      },
    })
    count('referral_payments')
  }
}

/**
 * A hotel inside its money-back guarantee that has paid: its owner can request a refund on a fresh
 * `npm start` (¥32,780, a first refund under the ¥100,000 limit: approved at once, and with Stripe
 * off it waits in HQ's /hq/refunds for the bank transfer). Contract started 10 days ago (Tokyo).
 */
export const DEMO_GUARANTEE = {
  hotelSlug: 'hotel-onsen',
  hotelName: '温泉旅館 みどり (Onsen Midori)',
  ownerEmail: 'owner@hotel-onsen.example',
  ownerName: '伊藤 翔 (Owner, Onsen Midori)',
}

async function seedDemoGuarantee(db: PrismaClient, passwordHash: string, count: (table: string) => void) {
  const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const start = new Date(`${periodKey(new Date(), 'day')}T00:00:00Z`)
  start.setUTCDate(start.getUTCDate() - 10)
  const tenant = await db.tenant.upsert({
    where: { slug: DEMO_GUARANTEE.hotelSlug },
    create: {
      slug: DEMO_GUARANTEE.hotelSlug,
      name: DEMO_GUARANTEE.hotelName,
      planId: plan.id,
      contractStartDate: start,
      settings: { create: {} },
    },
    update: {},
    include: { plan: true },
  })
  const owner = await db.user.upsert({
    where: { email: DEMO_GUARANTEE.ownerEmail },
    create: { email: DEMO_GUARANTEE.ownerEmail, name: DEMO_GUARANTEE.ownerName, passwordHash },
    update: {},
  })
  await db.tenantMembership.upsert({
    where: { tenantId_userId: { tenantId: tenant.id, userId: owner.id } },
    create: { tenantId: tenant.id, userId: owner.id, role: 'owner' },
    update: {},
  })
  if ((await db.invoice.count({ where: { tenantId: tenant.id } })) > 0) return
  const day = start.toISOString().slice(0, 10)
  const invoice = await issueInvoice(db, tenant, tenant.plan, 'monthly', day)
  await recordPayment(db, tenant.id, invoice.id, { method: 'manual', paidAt: new Date(`${day}T03:00:00Z`) })
  count('tenants')
  count('invoices')
}
