// The daily churn-risk job: per active hotel, gather the signals, score them (shared/domain/churn.ts),
// store the score with its reasons, and put a task on HQ's list: an urgent intervention above 0.7
// (with a mail to the hotel's HQ contact), otherwise a follow-up when the score rose.
import type { Prisma } from '../generated/prisma/client.ts'
import { churnRisk, churnTask, type ChurnSignals, type ChurnTaskKind } from '../../shared/domain/churn.ts'
import { addDays } from './billing.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import type { JobTx } from './jobs.ts'
import { publicOrigin } from './lifecycle.ts'
import { enqueueMail } from './mail.ts'
import { recordAudit, SYSTEM_ACTOR } from './audit.ts'

/**
 * Everything the score needs for one hotel on business day `today` (YYYY-MM-DD, Asia/Tokyo): the
 * concierge usage of the last 30 days against the 30 before (concierge_usage), the latest ROI
 * measurement (roi_measurements), failed payments, the latest NPS answer of one of its owners
 * (nps_surveys) and whether a refund request is open (refund_requests).
 */
export async function gatherChurnSignals(tx: JobTx, tenantId: string, today: string): Promise<ChurnSignals> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
  const day = (offset: number) => new Date(addDays(today, offset))
  const usageBetween = async (from: number, to: number) => {
    const sum = await tx.conciergeUsage.aggregate({
      where: { tenantId, usageDate: { gte: day(from), lt: day(to) } },
      _sum: { chatConversations: true, voiceConversations: true },
    })
    return (sum._sum.chatConversations ?? 0) + (sum._sum.voiceConversations ?? 0)
  }

  // Failed payments: invoices unpaid past their due date, or a payment_failed notice (Stripe), over
  // the last 90 days; the larger count, since both may be about the same invoice.
  const [last30, prior30, roi, overdue, failedNotices, nps, openRefunds] = await Promise.all([
    usageBetween(-30, 0),
    usageBetween(-60, -30),
    tx.roiMeasurement.findFirst({
      where: { tenantId, roiBps: { not: null } },
      orderBy: { weekStart: 'desc' },
      select: { roiBps: true },
    }),
    tx.invoice.count({ where: { tenantId, status: 'open', dueDate: { lt: day(0), gte: day(-90) } } }),
    tx.notification.count({ where: { tenantId, kind: 'payment_failed', createdAt: { gte: day(-90) } } }),
    tx.npsSurvey.findFirst({
      where: {
        score: { not: null },
        user: { memberships: { some: { tenantId, role: 'owner' } } },
      },
      orderBy: { answeredAt: 'desc' },
      select: { score: true },
    }),
    tx.refundRequest.count({ where: { tenantId, status: { in: ['pending', 'approved'] } } }),
  ])

  return {
    conversationsLast30: last30,
    conversationsPrior30: prior30,
    roiBps: roi?.roiBps ?? null,
    guaranteedRoiBps: tenant.plan.guaranteedRoiBps,
    failedPayments: Math.max(overdue, failedNotices),
    latestNps: nps?.score ?? null,
    openRefundRequest: openRefunds > 0,
  }
}

const CHURN_KINDS: ChurnTaskKind[] = ['churn_intervention', 'churn_follow_up']

/** Who hears about an intervention: the hotel's HQ contact, or every HQ admin when it has none. */
async function hqContacts(tx: JobTx, hqContactUserId: string | null) {
  const where = hqContactUserId ? { id: hqContactUserId, disabled: false } : { isHqAdmin: true, disabled: false }
  return tx.user.findMany({ where, select: { email: true, locale: true } })
}

const REASON_TEXT: Record<'ja' | 'en', Record<string, string>> = {
  ja: {
    usage_decline: '利用の減少',
    roi_below_guarantee: 'ROI が保証を下回っている',
    failed_payments: '支払いの失敗・遅延',
    nps_detractor: 'NPS が批判者（0〜6）',
    refund_request: '返金申請が未処理',
  },
  en: {
    usage_decline: 'usage declining',
    roi_below_guarantee: 'ROI below the guarantee',
    failed_payments: 'failed or late payments',
    nps_detractor: 'an NPS detractor (0–6)',
    refund_request: 'an open refund request',
  },
}

/** Scores every active hotel for `now`'s business day; run by the daily churn job (once per day). */
export async function scoreChurnRisk(tx: JobTx, now: Date, options: { tenantIds?: string[] } = {}) {
  const today = periodKey(now, 'day')
  const tenants = await tx.tenant.findMany({
    where: { status: { in: ['active', 'past_due'] }, ...(options.tenantIds ? { id: { in: options.tenantIds } } : {}) },
    select: { id: true, name: true, hqContactUserId: true },
  })
  let scored = 0
  let tasks = 0
  let mailed = 0
  for (const tenant of tenants) {
    const risk = churnRisk(await gatherChurnSignals(tx, tenant.id, today))
    const previous = await tx.churnScore.findFirst({
      where: { tenantId: tenant.id, scoredOn: { lt: new Date(today) } },
      orderBy: { scoredOn: 'desc' },
    })
    const reasons = risk.reasons as unknown as Prisma.InputJsonValue
    await tx.churnScore.upsert({
      where: { tenantId_scoredOn: { tenantId: tenant.id, scoredOn: new Date(today) } },
      create: { tenantId: tenant.id, scoredOn: new Date(today), score: risk.score, reasons },
      update: { score: risk.score, reasons },
    })
    scored++
    const kind = churnTask(risk.score, previous?.score ?? null)
    if (!kind) continue
    // One churn task per hotel and day, whichever kind (the unique key refuses a same-kind twin).
    const existing = await tx.hqTask.findFirst({
      where: { tenantId: tenant.id, dueFor: today, kind: { in: CHURN_KINDS } },
    })
    if (existing) continue
    const task = await tx.hqTask.create({
      data: {
        tenantId: tenant.id,
        kind,
        urgent: kind === 'churn_intervention',
        dueFor: today,
        reasons: [
          { factor: 'score', detail: { score: risk.score, previous: previous?.score ?? null } },
          ...risk.reasons,
        ] as unknown as Prisma.InputJsonValue,
      },
    })
    await recordAudit(tx, SYSTEM_ACTOR, {
      tenantId: tenant.id,
      action: 'create',
      entity: 'hq_task',
      entityId: task.id,
      after: { kind, score: risk.score },
    })
    tasks++
    if (kind !== 'churn_intervention') continue
    for (const contact of await hqContacts(tx, tenant.hqContactUserId)) {
      const locale = contact.locale === 'en' ? 'en' : 'ja'
      await enqueueMail(tx, {
        to: contact.email,
        locale,
        template: 'churn_intervention',
        data: {
          hotelName: tenant.name,
          score: risk.score.toFixed(2),
          reasons: risk.reasons.map((r) => REASON_TEXT[locale][r.factor] ?? r.factor),
          tasksUrl: `${publicOrigin()}/hq/tasks?task=${task.id}`,
        },
      })
      mailed++
    }
  }
  return { day: today, scored, tasks, mailed }
}
