// HQ's task list (/hq/tasks): churn interventions and follow-ups (services/churn.ts) and upsell
// proposals (services/lifecycle.ts), with each hotel's context: plan, churn-score history, open
// invoices. HQ assigns, comments and closes; each change writes its audit entry in its transaction.
import type { Prisma } from '../generated/prisma/client.ts'
import type { PrismaClient } from '../db/client.ts'
import { Conflict, Invalid, msg, NotFound } from '../lib/errors.ts'
import type { HqTaskFilter } from '../../shared/schemas/lifecycle.ts'
import { recordAudit, type Actor } from './audit.ts'

type Tx = Prisma.TransactionClient

const SCORE_HISTORY_DAYS = 30

function whereOf(filter: HqTaskFilter, userId: string): Prisma.HqTaskWhereInput {
  switch (filter) {
    case 'open':
      return { status: 'open' }
    case 'mine':
      return { status: 'open', assigneeUserId: userId }
    case 'urgent':
      return { status: 'open', urgent: true }
    case 'closed':
      return { status: 'closed' }
    default:
      return {}
  }
}

/** The hotels' context for a set of tasks: plan, score history (oldest first), open invoices. */
async function hotelContext(db: PrismaClient | Tx, tenantIds: string[]) {
  const ids = [...new Set(tenantIds)]
  const [tenants, scores, invoices] = await Promise.all([
    db.tenant.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        slug: true,
        status: true,
        billingCycle: true,
        contractStartDate: true,
        plan: { select: { planCode: true, name: true, monthlyPrice: true } },
      },
    }),
    db.churnScore.findMany({
      where: { tenantId: { in: ids } },
      orderBy: { scoredOn: 'desc' },
      take: SCORE_HISTORY_DAYS * Math.max(ids.length, 1),
      select: { tenantId: true, scoredOn: true, score: true },
    }),
    db.invoice.findMany({
      where: { tenantId: { in: ids }, status: 'open' },
      orderBy: { dueDate: 'asc' },
      select: { tenantId: true, id: true, number: true, total: true, dueDate: true },
    }),
  ])
  return new Map(
    tenants.map((t) => [
      t.id,
      {
        ...t,
        scores: scores
          .filter((s) => s.tenantId === t.id)
          .slice(0, SCORE_HISTORY_DAYS)
          .reverse()
          .map((s) => ({ day: s.scoredOn.toISOString().slice(0, 10), score: s.score })),
        openInvoices: invoices.filter((i) => i.tenantId === t.id).map(({ tenantId: _t, ...i }) => i),
      },
    ]),
  )
}

async function userNames(db: PrismaClient | Tx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  const users = wanted.length
    ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } })
    : []
  return new Map(users.map((u) => [u.id, u]))
}

/** Tasks for HQ: urgent first, then newest, with their hotel's context. */
export async function listHqTasks(db: PrismaClient, filter: HqTaskFilter, userId: string) {
  const tasks = await db.hqTask.findMany({
    where: whereOf(filter, userId),
    orderBy: [{ urgent: 'desc' }, { createdAt: 'desc' }],
    take: 200,
    include: { _count: { select: { comments: true } } },
  })
  const [hotels, users] = await Promise.all([
    hotelContext(
      db,
      tasks.map((t) => t.tenantId),
    ),
    userNames(
      db,
      tasks.map((t) => t.assigneeUserId),
    ),
  ])
  return tasks.map(({ _count, ...t }) => ({
    ...t,
    comments: _count.comments,
    assignee: t.assigneeUserId ? (users.get(t.assigneeUserId) ?? null) : null,
    hotel: hotels.get(t.tenantId) ?? null,
  }))
}

/** One task with its comments (oldest first) and its hotel's context. */
export async function hqTaskDetail(db: PrismaClient, id: string) {
  const task = await db.hqTask.findUnique({ where: { id }, include: { comments: { orderBy: { createdAt: 'asc' } } } })
  if (!task) throw NotFound(msg('task_not_found', 'タスクが見つかりません。', 'There is no such task.'))
  const [hotels, users] = await Promise.all([
    hotelContext(db, [task.tenantId]),
    userNames(db, [task.assigneeUserId, task.closedByUserId, ...task.comments.map((c) => c.authorUserId)]),
  ])
  return {
    ...task,
    assignee: task.assigneeUserId ? (users.get(task.assigneeUserId) ?? null) : null,
    comments: task.comments.map((c) => ({ ...c, author: users.get(c.authorUserId) ?? null })),
    hotel: hotels.get(task.tenantId) ?? null,
  }
}

/** The HQ users a task may be assigned to. */
export function hqAssignees(db: PrismaClient) {
  return db.user.findMany({
    where: { isHqAdmin: true, disabled: false },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true },
  })
}

async function openTask(tx: Tx, id: string) {
  const task = await tx.hqTask.findUnique({ where: { id } })
  if (!task) throw NotFound(msg('task_not_found', 'タスクが見つかりません。', 'There is no such task.'))
  return task
}

function audit(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  action: string,
  entityId: string,
  before: object,
  after: object,
) {
  return recordAudit(tx, actor, { tenantId, action, entity: 'hq_task', entityId, before, after })
}

export async function assignHqTask(tx: Tx, id: string, assigneeUserId: string | null, actor: Actor) {
  const task = await openTask(tx, id)
  if (assigneeUserId) {
    const hq = await tx.user.findFirst({ where: { id: assigneeUserId, isHqAdmin: true, disabled: false } })
    if (!hq)
      throw Invalid(
        msg(
          'task_assignee_not_hq',
          '担当者は本部の管理者から選んでください。',
          'Assign the task to an HQ administrator.',
        ),
      )
  }
  const updated = await tx.hqTask.update({ where: { id }, data: { assigneeUserId } })
  await audit(tx, actor, task.tenantId, 'assign', id, { assigneeUserId: task.assigneeUserId }, { assigneeUserId })
  return updated
}

export async function commentHqTask(tx: Tx, id: string, body: string, actor: Actor & { id: string }) {
  const task = await openTask(tx, id)
  const comment = await tx.hqTaskComment.create({ data: { taskId: id, authorUserId: actor.id, body } })
  await audit(tx, actor, task.tenantId, 'comment', id, {}, { commentId: comment.id, body })
  return comment
}

export async function closeHqTask(tx: Tx, id: string, actor: Actor, now = new Date()) {
  const task = await openTask(tx, id)
  if (task.status === 'closed')
    throw Conflict(msg('task_already_closed', 'このタスクはすでに完了しています。', 'This task is already closed.'))
  const updated = await tx.hqTask.update({
    where: { id },
    data: { status: 'closed', closedAt: now, closedByUserId: actor.id },
  })
  await audit(tx, actor, task.tenantId, 'close', id, { status: 'open' }, { status: 'closed' })
  return updated
}
