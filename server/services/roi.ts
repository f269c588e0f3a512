// The ROI guarantee end to end: the concierge's usage reports (POST /api/v1/usage), the weekly roi
// job (one measurement per hotel and Tokyo week, a compensation case when the 6-month ROI is below
// the plan's guarantee), what HQ and the hotel see, and HQ's decision on a case (refund, credit on
// the next invoice, or rejection). The numbers come from shared/domain/roi.ts.
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { privilegedDb, tenantDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { Conflict, msg, NotFound, type Lang } from '../lib/errors.ts'
import { fieldMessage } from '../../shared/i18n/field-messages.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor, type AuditWriter } from './audit.ts'
import {
  compensationAmount,
  feesPaidInPeriod,
  guaranteeWindow,
  measurementPeriod,
  roi,
  roiWeek,
  tokyoDate,
  type RoiInputs,
} from '../../shared/domain/roi.ts'
import { usageRowInput, type RoiSettingsInput, type UsageRowInput } from '../../shared/schemas/roi.ts'
import { refundCompensation, type requestView } from './refund-requests.ts'
import { deliverMailSoon, enqueueMail } from './mail.ts'
import { COMPENSATION_CREDIT_DESCRIPTION } from './roi-credits.ts'
import { stripeGateway } from './stripe-sync.ts'
import { stripeSettingsFromEnv, type StripeSettings } from './stripe-gateway.ts'

type Tx = Prisma.TransactionClient

export { SYSTEM_ACTOR, type Actor } from './audit.ts'

const DEFAULT_MINUTES = 6
const DEFAULT_HOURLY_COST = 1_800
const day = (d: string) => new Date(`${d}T00:00:00Z`)
const ymd = (d: Date) => d.toISOString().slice(0, 10)

async function audit(
  tx: AuditWriter,
  actor: Actor,
  entry: { tenantId?: string; action: string; entity: string; entityId: string; before?: unknown; after?: unknown },
) {
  await recordAudit(tx, actor, entry)
}

/** Each step of a compensation case is mailed to the hotel's owners, in the step's transaction. */
async function mailOwners(
  tx: Tx,
  tenantId: string,
  data: { step: 'opened' | 'credit' | 'refund' | 'rejected'; amount: number; roiBps: number; guaranteedRoiBps: number },
  reason?: string,
) {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } })
  const owners = await tx.tenantMembership.findMany({ where: { tenantId, role: 'owner' }, include: { user: true } })
  for (const { user } of owners)
    await enqueueMail(tx, {
      to: user.email,
      locale: user.locale,
      template: 'roi_compensation',
      data: {
        hotelName: tenant.name,
        step: data.step,
        amount: data.amount,
        roiPercent: data.roiBps / 100,
        guaranteePercent: data.guaranteedRoiBps / 100,
        ...(reason ? { reason } : {}),
      },
    })
}

// ---------------------------------------------------------------------------------------------
// Usage upload

const ROW_ERRORS = {
  invalid_row: { ja: '行の形式が正しくありません。', en: 'The row is not valid.' },
  unknown_hotel: { ja: 'このホテルは見つかりません。', en: 'There is no such hotel.' },
  future_date: { ja: '未来の日付の利用実績は受け付けません。', en: 'Usage of a day that has not ended is refused.' },
  before_contract: {
    ja: '契約開始日より前の日付です。',
    en: 'The date is before the hotel’s contract start.',
  },
  duplicate_row: {
    ja: '同じホテル・同じ日の行がこのリクエストに重複しています(最初の行を採用)。',
    en: 'The same hotel and day appear twice in this request (the first row was taken).',
  },
} as const
type RowErrorCode = keyof typeof ROW_ERRORS

export interface UsageUploadResult {
  accepted: { index: number; hotel: string; date: string; status: 'created' | 'replaced' | 'unchanged' }[]
  rejected: {
    index: number
    hotel: string | null
    date: string | null
    code: RowErrorCode
    message: string
    fields?: { path: string; message: string }[]
  }[]
}

/**
 * Stores the concierge's daily usage rows: each row is judged on its own (bad rows are refused with
 * their reason, good ones kept); a hotel's day is one row, so a repeated upload changes nothing and
 * a correction replaces the day. Written per hotel through its tenant client, audited there.
 */
export async function uploadUsage(
  rows: readonly unknown[],
  actor: Actor,
  lang: Lang,
  now = new Date(),
): Promise<UsageUploadResult> {
  const result: UsageUploadResult = { accepted: [], rejected: [] }
  const reject = (index: number, raw: unknown, code: RowErrorCode, fields?: { path: string; message: string }[]) => {
    const r = (raw ?? {}) as { hotel?: unknown; date?: unknown }
    result.rejected.push({
      index,
      hotel: typeof r.hotel === 'string' ? r.hotel : null,
      date: typeof r.date === 'string' ? r.date : null,
      code,
      message: ROW_ERRORS[code][lang],
      ...(fields ? { fields } : {}),
    })
  }
  const valid: { index: number; row: UsageRowInput }[] = []
  rows.forEach((raw, index) => {
    const parsed = usageRowInput.safeParse(raw)
    if (parsed.success) valid.push({ index, row: parsed.data })
    else
      reject(
        index,
        raw,
        'invalid_row',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: fieldMessage(i.message, lang) })),
      )
  })
  const refs = [...new Set(valid.map((v) => v.row.hotel))]
  const tenants = refs.length
    ? await privilegedDb().tenant.findMany({
        where: { OR: [{ slug: { in: refs } }, { id: { in: refs } }] },
        select: { id: true, slug: true, contractStartDate: true },
      })
    : []
  const byRef = new Map(tenants.flatMap((t) => [[t.slug, t] as const, [t.id, t] as const]))
  const today = tokyoDate(now)
  const perTenant = new Map<string, { index: number; row: UsageRowInput }[]>()
  const seen = new Set<string>()
  for (const v of valid) {
    const tenant = byRef.get(v.row.hotel)
    if (!tenant) reject(v.index, v.row, 'unknown_hotel')
    else if (v.row.date >= today) reject(v.index, v.row, 'future_date')
    else if (v.row.date < ymd(tenant.contractStartDate)) reject(v.index, v.row, 'before_contract')
    else if (seen.has(`${tenant.id}:${v.row.date}`)) reject(v.index, v.row, 'duplicate_row')
    else {
      seen.add(`${tenant.id}:${v.row.date}`)
      perTenant.set(tenant.id, [...(perTenant.get(tenant.id) ?? []), v])
    }
  }
  for (const [tenantId, items] of perTenant) {
    const statuses = await tenantDb(tenantId).$transaction(
      async (tx) => {
        const dataOf = (row: UsageRowInput) => ({
          chatConversations: row.conversations.chat,
          voiceConversations: row.conversations.voice,
          minutesSaved: row.minutesSaved ?? null,
          upsellRevenue: row.upsellRevenue,
        })
        // One read of the days already stored, one insert of the new ones, an update per corrected day.
        const existing = new Map(
          (await tx.conciergeUsage.findMany({ where: { usageDate: { in: items.map((i) => day(i.row.date)) } } })).map(
            (u) => [ymd(u.usageDate), u],
          ),
        )
        const out = items.map(({ row }) => {
          const before = existing.get(row.date)
          const data = dataOf(row)
          if (!before) return 'created' as const
          const same =
            before.chatConversations === data.chatConversations &&
            before.voiceConversations === data.voiceConversations &&
            before.minutesSaved === data.minutesSaved &&
            before.upsellRevenue === data.upsellRevenue
          return same ? ('unchanged' as const) : ('replaced' as const)
        })
        const created = items.filter((_, i) => out[i] === 'created')
        if (created.length)
          // A concurrent upload of the same new day: the (hotel, day) key keeps one, the other is skipped.
          await tx.conciergeUsage.createMany({
            data: created.map(({ row }) => ({ tenantId, usageDate: day(row.date), ...dataOf(row) })),
            skipDuplicates: true,
          })
        for (const [i, { row }] of items.entries())
          if (out[i] === 'replaced')
            await tx.conciergeUsage.update({
              where: { tenantId_usageDate: { tenantId, usageDate: day(row.date) } },
              data: dataOf(row),
            })
        const changed = out.filter((s) => s !== 'unchanged').length
        if (changed)
          await audit(tx, actor, {
            action: 'upload',
            entity: 'concierge_usage',
            entityId: tenantId,
            after: {
              days: items.filter((_, i) => out[i] !== 'unchanged').map((i) => i.row.date),
              created: out.filter((s) => s === 'created').length,
              replaced: out.filter((s) => s === 'replaced').length,
            },
          })
        return out
      },
      { timeout: 60_000 },
    )
    items.forEach((item, i) =>
      result.accepted.push({ index: item.index, hotel: item.row.hotel, date: item.row.date, status: statuses[i]! }),
    )
  }
  result.accepted.sort((a, b) => a.index - b.index)
  result.rejected.sort((a, b) => a.index - b.index)
  return result
}

// ---------------------------------------------------------------------------------------------
// The weekly roi job

/** The ROI inputs of one hotel over [start, end] (Tokyo days), from its usage, settings and paid invoices. */
async function inputsFor(
  tx: Tx,
  tenant: { id: string; settings: { minutesSavedPerConversation: number; staffHourlyCost: number } | null },
  start: string,
  end: string,
): Promise<RoiInputs> {
  const usage = await tx.conciergeUsage.findMany({
    where: { tenantId: tenant.id, usageDate: { gte: day(start), lte: day(end) } },
  })
  const invoices = await tx.invoice.findMany({
    where: { tenantId: tenant.id, status: 'paid' },
    select: { subtotal: true, periodStart: true, months: true },
  })
  let conversations = 0
  let conversationsWithReportedMinutes = 0
  let reportedMinutes = 0
  let upsellRevenue = 0
  for (const u of usage) {
    const n = u.chatConversations + u.voiceConversations
    conversations += n
    upsellRevenue += u.upsellRevenue
    if (u.minutesSaved !== null) {
      conversationsWithReportedMinutes += n
      reportedMinutes += u.minutesSaved
    }
  }
  return {
    conversations,
    conversationsWithReportedMinutes,
    reportedMinutes,
    minutesPerConversation: tenant.settings?.minutesSavedPerConversation ?? DEFAULT_MINUTES,
    staffHourlyCost: tenant.settings?.staffHourlyCost ?? DEFAULT_HOURLY_COST,
    upsellRevenue,
    feesPaid: feesPaidInPeriod(
      invoices.map((i) => ({ subtotal: i.subtotal, periodStart: ymd(i.periodStart), months: i.months })),
      start,
      end,
    ),
  }
}

/**
 * Measures every hotel in its first 6 months for the Tokyo week of `now` (roiWeek): ROI from the
 * contract start to the week's last day, stored with its inputs. The (hotel, week) key makes a
 * second run, or a concurrent one, store nothing more. The measurement covering the whole 6 months
 * opens the hotel's compensation case (one per hotel) when its ROI is below the plan's guarantee.
 */
export async function measureRoi(tx: Tx, now: Date, options: { tenantIds?: string[] } = {}) {
  const { lastDay, weekStart } = roiWeek(now)
  // Contracts that started at most 6 months and a week before the last day (measurementPeriod decides).
  const earliest = new Date(day(lastDay).getTime() - 200 * 86_400_000)
  const tenants = await tx.tenant.findMany({
    where: {
      status: { in: ['active', 'past_due'] },
      contractStartDate: { gte: earliest, lte: day(lastDay) },
      ...(options.tenantIds ? { id: { in: options.tenantIds } } : {}),
    },
    include: { plan: true, settings: true },
  })
  let measured = 0
  let cases = 0
  for (const tenant of tenants) {
    const period = measurementPeriod(ymd(tenant.contractStartDate), lastDay)
    if (!period) continue
    const inputs = await inputsFor(tx, tenant, period.start, period.end)
    const r = roi(inputs)
    const inserted = await tx.roiMeasurement.createMany({
      data: [
        {
          tenantId: tenant.id,
          weekStart: day(weekStart),
          periodStart: day(period.start),
          periodEnd: day(period.end),
          complete: period.complete,
          conversations: inputs.conversations,
          reportedMinutes: inputs.reportedMinutes ?? 0,
          minutesPerConversation: inputs.minutesPerConversation,
          staffHourlyCost: inputs.staffHourlyCost,
          staffMinutesSaved: r.staffMinutesSaved,
          costSavings: r.costSavings,
          revenueIncrease: r.revenueIncrease,
          feesPaid: r.feesPaid,
          roiBps: r.roiBps,
          guaranteedRoiBps: tenant.plan.guaranteedRoiBps,
        },
      ],
      skipDuplicates: true, // ON CONFLICT (tenant, week) DO NOTHING: the database refuses the second copy
    })
    if (inserted.count === 0) continue
    measured++
    if (!period.complete || r.roiBps === null || r.roiBps >= tenant.plan.guaranteedRoiBps) continue
    const amount = compensationAmount(inputs, tenant.plan.guaranteedRoiBps)
    if (amount <= 0) continue
    const measurement = await tx.roiMeasurement.findUniqueOrThrow({
      where: { tenantId_weekStart: { tenantId: tenant.id, weekStart: day(weekStart) } },
    })
    const opened = await tx.roiCompensation.createMany({
      data: [
        {
          tenantId: tenant.id,
          measurementId: measurement.id,
          amount,
          feesPaid: r.feesPaid,
          roiBps: r.roiBps,
          guaranteedRoiBps: tenant.plan.guaranteedRoiBps,
        },
      ],
      skipDuplicates: true, // one case per hotel
    })
    if (opened.count) {
      cases++
      await mailOwners(tx, tenant.id, {
        step: 'opened',
        amount,
        roiBps: r.roiBps,
        guaranteedRoiBps: tenant.plan.guaranteedRoiBps,
      })
      await audit(tx, SYSTEM_ACTOR, {
        tenantId: tenant.id,
        action: 'open',
        entity: 'roi_compensation',
        entityId: measurement.id,
        after: { amount, roiBps: r.roiBps, guaranteedRoiBps: tenant.plan.guaranteedRoiBps, feesPaid: r.feesPaid },
      })
    }
  }
  return { week: weekStart, lastDay, hotels: tenants.length, measured, cases }
}

// ---------------------------------------------------------------------------------------------
// What HQ and the hotel see

/** HQ's ROI page: average ROI (each hotel's latest), its distribution and weekly trend, the cases. */
export async function hqRoiOverview(db: PrismaClient) {
  const measurements = await db.roiMeasurement.findMany({
    orderBy: [{ weekStart: 'asc' }],
    include: { tenant: { select: { name: true, slug: true } } },
  })
  const latest = new Map<string, (typeof measurements)[number]>()
  for (const m of measurements) if (m.roiBps !== null) latest.set(m.tenantId, m)
  const avg = (xs: number[]) => (xs.length ? Math.floor(xs.reduce((s, x) => s + x, 0) / xs.length) : null)
  const weeks = new Map<string, number[]>()
  for (const m of measurements)
    if (m.roiBps !== null) weeks.set(ymd(m.weekStart), [...(weeks.get(ymd(m.weekStart)) ?? []), m.roiBps])
  const cases = await db.roiCompensation.findMany({
    orderBy: [{ createdAt: 'desc' }],
    include: { tenant: { select: { name: true, slug: true, plan: { select: { name: true } } } } },
  })
  return {
    averageRoiBps: avg([...latest.values()].map((m) => m.roiBps!)),
    hotelsMeasured: latest.size,
    totalCompensation: cases.filter((c) => c.status !== 'rejected').reduce((s, c) => s + c.amount, 0),
    openCases: cases.filter((c) => c.status === 'open').length,
    distribution: [...latest.values()].map((m) => ({
      tenantId: m.tenantId,
      hotel: m.tenant.name,
      slug: m.tenant.slug,
      roiBps: m.roiBps!,
      guaranteedRoiBps: m.guaranteedRoiBps,
      weekStart: ymd(m.weekStart),
    })),
    trend: [...weeks.entries()].map(([weekStart, xs]) => ({ weekStart, averageRoiBps: avg(xs)!, hotels: xs.length })),
    cases: cases.map((c) => ({
      id: c.id,
      tenantId: c.tenantId,
      hotel: c.tenant.name,
      slug: c.tenant.slug,
      plan: c.tenant.plan.name,
      amount: c.amount,
      feesPaid: c.feesPaid,
      roiBps: c.roiBps,
      guaranteedRoiBps: c.guaranteedRoiBps,
      status: c.status,
      creditedAmount: c.creditedAmount,
      rejectReason: c.rejectReason,
      createdAt: c.createdAt,
      decidedAt: c.decidedAt,
    })),
  }
}

/** The hotel's ROI page: its measurements with their inputs, its settings, the guarantee, its case. */
export async function tenantRoi(db: TenantDb) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true, settings: true } })
  const measurements = await db.roiMeasurement.findMany({ orderBy: { weekStart: 'asc' } })
  const compensation = await db.roiCompensation.findFirst()
  return {
    plan: tenant.plan.name,
    guaranteedRoiBps: tenant.plan.guaranteedRoiBps,
    window: guaranteeWindow(ymd(tenant.contractStartDate)),
    settings: {
      minutesSavedPerConversation: tenant.settings?.minutesSavedPerConversation ?? DEFAULT_MINUTES,
      staffHourlyCost: tenant.settings?.staffHourlyCost ?? DEFAULT_HOURLY_COST,
    },
    measurements: measurements.map((m) => ({
      weekStart: ymd(m.weekStart),
      periodStart: ymd(m.periodStart),
      periodEnd: ymd(m.periodEnd),
      complete: m.complete,
      conversations: m.conversations,
      reportedMinutes: m.reportedMinutes,
      minutesPerConversation: m.minutesPerConversation,
      staffHourlyCost: m.staffHourlyCost,
      staffMinutesSaved: m.staffMinutesSaved,
      costSavings: m.costSavings,
      revenueIncrease: m.revenueIncrease,
      feesPaid: m.feesPaid,
      roiBps: m.roiBps,
      guaranteedRoiBps: m.guaranteedRoiBps,
    })),
    compensation: compensation && {
      amount: compensation.amount,
      status: compensation.status,
      creditedAmount: compensation.creditedAmount,
      rejectReason: compensation.rejectReason,
      createdAt: compensation.createdAt,
      decidedAt: compensation.decidedAt,
    },
  }
}

/** The two settings that feed the hotel's ROI (manager or owner; audited with the change). */
export async function saveRoiSettings(db: TenantDb, input: RoiSettingsInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.tenantSetting.findFirst()
    const after = await tx.tenantSetting.upsert({
      where: { tenantId: db.tenantId },
      create: { tenantId: db.tenantId, ...input },
      update: input,
    })
    const pick = (s: typeof after | null) =>
      s && { staffHourlyCost: s.staffHourlyCost, minutesSavedPerConversation: s.minutesSavedPerConversation }
    await audit(tx, actor, {
      action: 'update',
      entity: 'roi_settings',
      entityId: db.tenantId,
      before: pick(before),
      after: pick(after),
    })
    return pick(after)!
  })
}

// ---------------------------------------------------------------------------------------------
// HQ's decision on a case

const caseNotFound = () =>
  NotFound(msg('compensation_not_found', 'この補償ケースは見つかりません。', 'This compensation case does not exist.'))
const caseNotOpen = (status: string) =>
  Conflict(
    msg(
      'compensation_not_open',
      'この補償ケースはすでに処理されています。',
      `This compensation case is already ${status.replace('_', ' ')}.`,
    ),
  )

async function lockedCase(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<{ tenant_id: string }[]>`
    SELECT tenant_id FROM roi_compensations WHERE id = ${id} FOR UPDATE`
  if (!row) throw caseNotFound()
  const c = await tx.roiCompensation.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: row.tenant_id, id } },
    include: { tenant: true },
  })
  if (c.status !== 'open') throw caseNotOpen(c.status)
  return c
}

/**
 * A case paid back as a refund goes through the refund requests' machinery (services/refund-requests.ts),
 * the one way money goes back to a hotel: an approved `roi_compensation` request, created in the same
 * transaction that marks the case refunded; credit notes (適格返還請求書) on the latest paid invoices
 * for the amount before tax; Stripe on each stored payment when Stripe took them all (outside any
 * transaction, idempotent per request and invoice), else the request waits on /hq/refunds for the
 * bank transfer HQ makes. Commissions are untouched: a compensation is not a money-back refund.
 */
async function approveCompensationAsRefund(id: string, actor: Actor, now: Date, settings: StripeSettings | null) {
  const c = await privilegedDb().roiCompensation.findFirst({ where: { id } })
  if (!c) throw caseNotFound()
  // Refunded already: approving again finishes a refund that Stripe refused (its request is retried).
  if (c.status !== 'open' && c.status !== 'refunded') throw caseNotOpen(c.status)
  const request = await refundCompensation(
    {
      tenantId: c.tenantId,
      amountYen: c.amount,
      caseId: id,
      actor,
      reason: `ROI保証の補償（ROI ${c.roiBps / 100}% < 保証 ${c.guaranteedRoiBps / 100}%）`,
      requireDone: false,
      onCreated: async (tx, requestId) => {
        await lockedCase(tx, id) // still open: a concurrent decision rolls the request back
        await tx.roiCompensation.update({
          where: { tenantId_id: { tenantId: c.tenantId, id } },
          data: { status: 'refunded', refundRef: requestId, decidedByUserId: actor.id, decidedAt: now },
        })
        await announceApproval(tx, actor, c, 'refund', {
          status: 'refunded',
          amount: c.amount,
          refundRequestId: requestId,
        })
      },
    },
    { now, stripe: settings },
  )
  deliverMailSoon()
  return { id, tenantId: c.tenantId, status: 'refunded' as const, amount: c.amount, refundRequest: request }
}

/** An approval's audit entry and the owners' mail, in the transaction that decides the case. */
async function announceApproval(
  tx: Tx,
  actor: Actor,
  c: { id: string; tenantId: string; amount: number; roiBps: number; guaranteedRoiBps: number },
  step: 'refund' | 'credit',
  after: Record<string, unknown>,
) {
  const entry = { tenantId: c.tenantId, entity: 'roi_compensation', entityId: c.id, before: { status: 'open' }, after }
  await audit(tx, actor, { ...entry, action: 'approve' })
  await mailOwners(tx, c.tenantId, { step, amount: c.amount, roiBps: c.roiBps, guaranteedRoiBps: c.guaranteedRoiBps })
}

/** What a decision returns: the case's new state; a refund also its refund request. */
export type CompensationDecision = {
  id: string
  tenantId: string
  status: 'refunded' | 'credited' | 'credit_pending'
  refundRequest?: ReturnType<typeof requestView>
}

/** HQ approves a case: paid back as a refund, or as a credit on the hotel's next invoice. */
export async function approveCompensation(
  id: string,
  as: 'refund' | 'credit',
  actor: Actor,
  now = new Date(),
  settings: StripeSettings | null = stripeSettingsFromEnv(),
): Promise<CompensationDecision> {
  if (as === 'refund') return approveCompensationAsRefund(id, actor, now, settings)
  const result = await privilegedDb().$transaction(
    async (tx) => {
      const c = await lockedCase(tx, id)
      const decided = { decidedByUserId: actor.id, decidedAt: now }
      let after: Record<string, unknown>
      const gateway = stripeGateway(settings)
      if (gateway && c.tenant.stripeCustomerId && c.tenant.stripeSubscriptionId) {
        // Stripe invoices this hotel: the credit goes on its balance, with the tax our credit line would take off.
        const withTax = c.amount + Math.floor((c.amount * 1_000) / 10_000)
        const credit = await gateway.creditBalance(
          c.tenant.stripeCustomerId,
          withTax,
          COMPENSATION_CREDIT_DESCRIPTION,
          `roi-compensation:${id}`,
        )
        await tx.roiCompensation.update({
          where: { tenantId_id: { tenantId: c.tenantId, id } },
          data: { status: 'credited', creditedAmount: c.amount, stripeRef: credit.id, ...decided },
        })
        after = { status: 'credited', amount: c.amount, stripeBalanceTransaction: credit.id, balanceCredit: withTax }
      } else {
        await tx.roiCompensation.update({
          where: { tenantId_id: { tenantId: c.tenantId, id } },
          data: { status: 'credit_pending', ...decided },
        })
        after = { status: 'credit_pending', amount: c.amount }
      }
      await announceApproval(tx, actor, c, 'credit', after)
      return { id, tenantId: c.tenantId, status: after.status as 'credited' | 'credit_pending', ...after }
    },
    { timeout: 60_000 },
  )
  deliverMailSoon()
  return result
}

/** HQ rejects a case, with the reason the hotel will read. */
export async function rejectCompensation(id: string, reason: string, actor: Actor, now = new Date()) {
  const result = await privilegedDb().$transaction(async (tx) => {
    const c = await lockedCase(tx, id)
    await tx.roiCompensation.update({
      where: { tenantId_id: { tenantId: c.tenantId, id } },
      data: { status: 'rejected', rejectReason: reason, decidedByUserId: actor.id, decidedAt: now },
    })
    await audit(tx, actor, {
      tenantId: c.tenantId,
      action: 'reject',
      entity: 'roi_compensation',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'rejected', reason },
    })
    const facts = {
      step: 'rejected' as const,
      amount: c.amount,
      roiBps: c.roiBps,
      guaranteedRoiBps: c.guaranteedRoiBps,
    }
    await mailOwners(tx, c.tenantId, facts, reason)
    return { id, tenantId: c.tenantId, status: 'rejected' as const, reason }
  })
  deliverMailSoon()
  return result
}
