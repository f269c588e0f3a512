// The daily churn score and HQ's task list against the run's real PostgreSQL. Usage, ROI, NPS and
// refund requests come from tables other branches add: the first test creates them with the columns
// services/churn.ts expects, inside a transaction it rolls back, so no other test ever sees them.
import { afterAll, describe, expect, it } from 'vitest'
import { createPrismaClient } from '../../server/db/client'
import { scoreChurnRisk } from '../../server/services/churn'
import { assignHqTask, closeHqTask, commentHqTask, listHqTasks } from '../../server/services/hq-tasks'
import { ownerUrl, uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()
const owner = createPrismaClient(ownerUrl(), { max: 2 })
afterAll(() => owner.$disconnect())

const NOW = new Date('2026-12-01T01:00:00Z') // 10:00 on 1 December in Tokyo
const TODAY = '2026-12-01'

async function newTenant(extra: { hqContactUserId?: string } = {}) {
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  return db.privileged.tenant.create({
    data: { slug: uniq('churn'), name: '湯の宿 みどり', planId: plan.id, ...extra },
  })
}
const newHqUser = (locale = 'ja') =>
  db.privileged.user.create({
    data: { email: `${uniq('hq')}@hq.example`, name: uniq('本部'), passwordHash: 'x', isHqAdmin: true, locale },
  })
const failedPayments = (tenantId: string, n: number) =>
  db.privileged.notification.createMany({
    data: Array.from({ length: n }, () => ({
      tenantId,
      kind: 'payment_failed',
      subject: 'お支払いが確認できませんでした',
      body: 'x',
      createdAt: new Date('2026-11-20T00:00:00Z'),
    })),
  })

class Rollback extends Error {}

describe('the daily churn score', () => {
  it('above 0.7: stores the score with its reasons, one urgent task and one mail to the HQ contact', async () => {
    const contact = await newHqUser('ja')
    const tenant = await newTenant({ hqContactUserId: contact.id })
    await failedPayments(tenant.id, 2)
    const seen = await owner
      .$transaction(async (tx) => {
        // Every source the score reads, in the tables the other features write.
        await tx.conciergeUsage.createMany({
          data: [
            {
              tenantId: tenant.id,
              usageDate: new Date('2026-10-15'),
              chatConversations: 200,
              voiceConversations: 100,
              upsellRevenue: 0,
            },
            {
              tenantId: tenant.id,
              usageDate: new Date('2026-11-20'),
              chatConversations: 100,
              voiceConversations: 0,
              upsellRevenue: 0,
            },
          ],
        })
        const day = new Date('2026-11-01')
        await tx.roiMeasurement.create({
          data: {
            tenantId: tenant.id,
            weekStart: new Date('2026-10-26'),
            periodStart: new Date('2026-06-01'),
            periodEnd: day,
            conversations: 400,
            reportedMinutes: 0,
            minutesPerConversation: 6,
            staffHourlyCost: 1_800,
            staffMinutesSaved: 2_400,
            costSavings: 72_000,
            revenueIncrease: 0,
            feesPaid: 48_000,
            roiBps: 5_000,
            guaranteedRoiBps: 10_000,
          },
        })
        const hotelOwner = await tx.user.create({
          data: { email: `${uniq('owner')}@hotel.example`, name: 'オーナー', passwordHash: 'x' },
        })
        await tx.tenantMembership.create({ data: { tenantId: tenant.id, userId: hotelOwner.id, role: 'owner' } })
        await tx.npsSurvey.create({
          data: {
            quarter: '2026-Q4',
            userId: hotelOwner.id,
            tokenHash: uniq('nps'),
            expiresAt: new Date('2026-12-31'),
            score: 4,
            answeredAt: new Date('2026-11-10'),
          },
        })
        await tx.refundRequest.create({
          data: { tenantId: tenant.id, type: 'full_refund', reason: 'not for us', guaranteeEndsOn: day },
        })

        const first = await scoreChurnRisk(tx, NOW, { tenantIds: [tenant.id] })
        const again = await scoreChurnRisk(tx, NOW, { tenantIds: [tenant.id] }) // a second run the same day
        const scores = await tx.churnScore.findMany({ where: { tenantId: tenant.id } })
        const tasks = await tx.hqTask.findMany({ where: { tenantId: tenant.id } })
        const mails = await tx.mailMessage.findMany({ where: { toAddress: contact.email } })
        throw new Rollback(JSON.stringify({ first, again, scores, tasks, mails }))
      })
      .catch((e: unknown) => {
        if (e instanceof Rollback) return JSON.parse(e.message)
        throw e
      })
    // 0.25 usage (−66%) + 0.075 ROI (50 points short) + 0.25 payments + 0.15 NPS 4 + 0.2 refund
    expect(seen.scores).toHaveLength(1)
    expect(seen.scores[0].score).toBe(0.925)
    expect(seen.scores[0].reasons.map((r: { factor: string }) => r.factor)).toEqual([
      'usage_decline',
      'roi_below_guarantee',
      'failed_payments',
      'nps_detractor',
      'refund_request',
    ])
    expect(seen.first).toMatchObject({ day: TODAY, scored: 1, tasks: 1, mailed: 1 })
    expect(seen.again).toMatchObject({ scored: 1, tasks: 0, mailed: 0 }) // no duplicate for the hotel and day
    expect(seen.tasks).toHaveLength(1)
    expect(seen.tasks[0]).toMatchObject({ kind: 'churn_intervention', urgent: true, dueFor: TODAY, status: 'open' })
    expect(seen.mails).toHaveLength(1)
    expect(seen.mails[0].subject).toBe('【OmotenasuAI】要対応：湯の宿 みどり の解約リスクが高まっています（0.93）')
    expect(seen.mails[0].textBody).toContain('・利用の減少')
    expect(seen.mails[0].textBody).toContain('/hq/tasks?task=')
    // Rolled back: nothing of it stays for the other tests.
    expect(await db.privileged.conciergeUsage.count({ where: { tenantId: tenant.id } })).toBe(0)
  })

  it('failed payments alone make a follow-up task on a rise', async () => {
    const tenant = await newTenant()
    await failedPayments(tenant.id, 1)
    const outcome = await db.privileged.$transaction((tx) => scoreChurnRisk(tx, NOW, { tenantIds: [tenant.id] }))
    expect(outcome).toMatchObject({ scored: 1, tasks: 1, mailed: 0 })
    const task = await db.privileged.hqTask.findFirstOrThrow({ where: { tenantId: tenant.id } })
    expect(task).toMatchObject({ kind: 'churn_follow_up', urgent: false })
    const score = await db.privileged.churnScore.findFirstOrThrow({ where: { tenantId: tenant.id } })
    expect(score.score).toBe(0.125)
    // The next day, the same score: no rise, no task.
    const next = await db.privileged.$transaction((tx) =>
      scoreChurnRisk(tx, new Date('2026-12-02T01:00:00Z'), { tenantIds: [tenant.id] }),
    )
    expect(next).toMatchObject({ scored: 1, tasks: 0 })
  })
})

describe("HQ's task list", () => {
  it('assigns, comments and closes a task, each with its audit entry; filters follow', async () => {
    const me = await newHqUser()
    const tenant = await newTenant()
    await failedPayments(tenant.id, 2)
    await db.privileged.$transaction((tx) => scoreChurnRisk(tx, NOW, { tenantIds: [tenant.id] }))
    const task = await db.privileged.hqTask.findFirstOrThrow({ where: { tenantId: tenant.id } })
    const actor = { type: 'user' as const, id: me.id, ip: '127.0.0.1', userAgent: 'vitest' }

    await db.privileged.$transaction((tx) => assignHqTask(tx, task.id, me.id, actor))
    const mine = await listHqTasks(db.privileged, 'mine', me.id)
    expect(mine.map((t) => t.id)).toEqual([task.id])
    expect(mine[0]!.hotel).toMatchObject({ name: '湯の宿 みどり', plan: { planCode: 'LEISURE_ECONOMY' } })
    expect(mine[0]!.hotel!.scores).toEqual([{ day: TODAY, score: 0.25 }])
    expect((await listHqTasks(db.privileged, 'urgent', me.id)).some((t) => t.id === task.id)).toBe(false)

    const hotelUser = await db.privileged.user.create({
      data: { email: `${uniq('staff')}@hotel.example`, name: 'Staff', passwordHash: 'x' },
    })
    await expect(
      db.privileged.$transaction((tx) => assignHqTask(tx, task.id, hotelUser.id, actor)),
    ).rejects.toMatchObject({ code: 'task_assignee_not_hq' })

    await db.privileged.$transaction((tx) => commentHqTask(tx, task.id, '電話で状況を確認します。', actor))
    await db.privileged.$transaction((tx) => closeHqTask(tx, task.id, actor))
    await expect(db.privileged.$transaction((tx) => closeHqTask(tx, task.id, actor))).rejects.toMatchObject({
      code: 'task_already_closed',
    })
    expect((await listHqTasks(db.privileged, 'open', me.id)).some((t) => t.id === task.id)).toBe(false)
    expect((await listHqTasks(db.privileged, 'closed', me.id)).some((t) => t.id === task.id)).toBe(true)

    const audit = await db.privileged.auditLog.findMany({
      where: { entity: 'hq_task', entityId: task.id },
      orderBy: { occurredAt: 'asc' },
    })
    expect(audit.map((a) => [a.action, a.actorType, a.actorId])).toEqual([
      ['create', 'system', null],
      ['assign', 'user', me.id],
      ['comment', 'user', me.id],
      ['close', 'user', me.id],
    ])
    expect(audit[2]!.after).toMatchObject({ body: '電話で状況を確認します。' })
    expect(audit.every((a) => a.tenantId === tenant.id)).toBe(true)
  })
})
