// ROI demo data: two hotels with plausible daily concierge usage since their contract start, paid
// monthly invoices, the weekly ROI measurements the roi job would have stored, and — for the hotel
// whose first 6 months just ended below its guarantee — one open compensation case, so HQ's
// /hq/roi shows charts and a case on a fresh install. Idempotent: usage, measurements and the case
// are keyed by hotel and day, hotel and week, and hotel.
import { addMonths } from '../../shared/domain/billing.ts'
import { addDaysTo, roiWeek, tokyoDate } from '../../shared/domain/roi.ts'
import { createPasswordHash } from '../lib/password.ts'
import { issueInvoice, recordPayment } from '../services/billing.ts'
import { measureRoi } from '../services/roi.ts'
import type { PrismaClient } from './client.ts'

export const DEMO_ROI_HOTELS = [
  {
    slug: 'hotel-yuki',
    name: '雪見温泉旅館 (Yukimi Onsen Ryokan)',
    planCode: 'LEISURE_STANDARD',
    owner: 'owner@hotel-yuki.example',
    ownerName: '山本 雪 (Owner, Hotel Yuki)',
    // Its first 6 months ended last week, below the 100% guarantee: about 12 conversations a day.
    monthsAgo: 6,
    chatPerDay: 9,
    voicePerDay: 3,
    upsellPerDay: 300,
  },
  {
    slug: 'hotel-umi',
    name: '海風リゾート (Umikaze Resort)',
    planCode: 'OMOTENASU_PROFESSIONAL',
    owner: 'owner@hotel-umi.example',
    ownerName: '中村 海斗 (Owner, Hotel Umi)',
    // Four months in, well above its 150% guarantee.
    monthsAgo: 4,
    chatPerDay: 60,
    voicePerDay: 20,
    upsellPerDay: 8_000,
  },
]

/** A deterministic wobble in [0.75, 1.25) per hotel and day, so reruns write the same numbers. */
function wobble(seed: string): number {
  let h = 2166136261
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  return 0.75 + ((h >>> 0) % 1000) / 2000
}

export async function seedDemoRoi(db: PrismaClient, password: string, count: (table: string) => void) {
  const now = new Date()
  // The most recent Sunday 02:00 in Tokyo (the roi job's slot) at or before now.
  const today = tokyoDate(now)
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay()
  let lastRun = new Date(`${addDaysTo(today, -dow)}T02:00:00+09:00`)
  if (lastRun > now) lastRun = new Date(lastRun.getTime() - 7 * 86_400_000)
  const anchor = roiWeek(lastRun).lastDay
  const passwordHash = await createPasswordHash(password)
  for (const h of DEMO_ROI_HOTELS) {
    const plan = await db.subscriptionPlan.findUniqueOrThrow({ where: { planCode: h.planCode } })
    const existing = await db.tenant.findUnique({ where: { slug: h.slug } })
    if (existing) continue // seeded before: its history stays as it was
    // Started exactly 6 (or 4) months before the last run's last day: the 6-month hotel's window
    // ends the day before, so that run is its complete measurement.
    const start = addMonths(anchor, -h.monthsAgo)
    const tenant = await db.tenant.create({
      data: {
        slug: h.slug,
        name: h.name,
        planId: plan.id,
        contractStartDate: new Date(start),
        settings: { create: {} },
      },
      include: { plan: true },
    })
    count('tenants')
    const user = await db.user.upsert({
      where: { email: h.owner },
      create: { email: h.owner, name: h.ownerName, passwordHash },
      update: {},
    })
    await db.tenantMembership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'owner' } })
    count('users')
    for (let i = 0; addMonths(start, i) <= today; i++) {
      const periodStart = addMonths(start, i)
      const invoice = await issueInvoice(db, tenant, tenant.plan, 'monthly', periodStart)
      await recordPayment(db, tenant.id, invoice.id, {
        method: 'manual',
        paidAt: new Date(`${addDaysTo(periodStart, 3)}T01:00:00Z`),
      })
      count('invoices')
    }
    const rows = []
    for (let d = start, i = 0; d < today; d = addDaysTo(d, 1), i++) {
      const ramp = Math.min(1, 0.5 + i / 120) // staff and guests take to the concierge over ~2 months
      const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? 1.3 : 1
      const f = ramp * weekend * wobble(`${h.slug}:${d}`)
      rows.push({
        tenantId: tenant.id,
        usageDate: new Date(d),
        chatConversations: Math.round(h.chatPerDay * f),
        voiceConversations: Math.round(h.voicePerDay * f),
        minutesSaved: null,
        upsellRevenue: Math.round((h.upsellPerDay * f) / 10) * 10,
      })
    }
    await db.conciergeUsage.createMany({ data: rows, skipDuplicates: true })
    for (let k = 0; k < rows.length; k++) count('concierge_usage')
  }
  // Every weekly run since the earliest start, oldest first (the (hotel, week) key skips what exists).
  const ids = (await db.tenant.findMany({ where: { slug: { in: DEMO_ROI_HOTELS.map((h) => h.slug) } } })).map(
    (t) => t.id,
  )
  const runs: Date[] = []
  for (let run = lastRun; roiWeek(run).lastDay >= addMonths(anchor, -6); run = new Date(run.getTime() - 7 * 86_400_000))
    runs.unshift(run)
  for (const run of runs) {
    const result = await db.$transaction((tx) => measureRoi(tx, run, { tenantIds: ids }), { timeout: 60_000 })
    for (let k = 0; k < result.measured; k++) count('roi_measurements')
    for (let k = 0; k < result.cases; k++) count('roi_compensations')
  }
}
