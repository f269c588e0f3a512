// Agents, ranks and territories (HQ) and the monthly rank evaluation job.
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, msg, NotFound } from '../lib/errors.ts'
import type { AgentRankName } from '../../shared/domain/catalogue.ts'
import { addMonthsToMonth, evaluateRank, evaluationEffectiveMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { fk } from '../../shared/i18n/field-messages.ts'

type Tx = Prisma.TransactionClient

async function notifyAgent(tx: Tx, agentId: string, subject: string, body: string) {
  const users = await tx.user.findMany({ where: { agentId }, select: { id: true } })
  await tx.notification.createMany({
    data: users.map((u) => ({ userId: u.id, kind: 'agent_rank_changed', subject, body })),
  })
}

/**
 * Changes an agent's rank (agents.rank is the latest decision: materials, territory, the next
 * evaluation) and records it in the rank history with the month its margins take effect for
 * commissions. Leaving diamond releases its territory.
 */
async function applyRank(
  tx: Tx,
  agentId: string,
  from: AgentRankName,
  to: AgentRankName,
  change: {
    reason: string
    kind: 'evaluation' | 'override'
    effectiveMonth: string
    evaluatedMonth?: string
    annualSales?: number
    actorUserId?: string
  },
) {
  await tx.agent.update({
    where: { id: agentId },
    data: { rank: to, ...(to !== 'diamond' ? { territory: null } : {}) },
  })
  await tx.agentRankChange.create({
    data: {
      agentId,
      fromRank: from,
      toRank: to,
      reason: change.reason,
      kind: change.kind,
      effectiveMonth: change.effectiveMonth,
      evaluatedMonth: change.evaluatedMonth ?? null,
      annualSales: change.annualSales ?? null,
      actorUserId: change.actorUserId ?? null,
    },
  })
  await notifyAgent(tx, agentId, `ランクが ${from} から ${to} に変わりました`, change.reason)
}

/**
 * Monthly evaluation (1st of the month): annual sales = fees attributable to the 12 complete
 * months before this one, over the hotels the agent brought in (from the commission ledger).
 */
export async function evaluateAgentRanks(
  tx: Tx,
  now: Date,
  only?: { agentIds: string[] },
): Promise<{ evaluated: number; changed: number }> {
  const lastMonth = addMonthsToMonth(periodKey(now, 'month'), -1)
  const from = new Date(`${addMonthsToMonth(lastMonth, -11)}-01`)
  const to = new Date(`${lastMonth}-01`)
  const ranks = await tx.agentRankSetting.findMany()
  const agents = await tx.agent.findMany({
    where: {
      status: 'active',
      OR: [{ lastEvaluatedMonth: null }, { lastEvaluatedMonth: { lt: lastMonth } }],
      ...(only ? { id: { in: only.agentIds } } : {}),
    },
  })
  const sales = await tx.referralPayment.groupBy({
    by: ['referralId'],
    where: { status: { not: 'cancelled' }, paymentMonth: { gte: from, lte: to }, referral: { referrerType: 'agent' } },
    _sum: { feeAttributable: true },
  })
  const referralAgents = new Map(
    (
      await tx.referral.findMany({
        where: { id: { in: sales.map((s) => s.referralId) } },
        select: { id: true, referrerAgentId: true },
      })
    ).map((r) => [r.id, r.referrerAgentId]),
  )
  const byAgent = new Map<string, number>()
  for (const s of sales) {
    const agentId = referralAgents.get(s.referralId)
    if (agentId) byAgent.set(agentId, (byAgent.get(agentId) ?? 0) + (s._sum.feeAttributable ?? 0))
  }
  let changed = 0
  for (const agent of agents) {
    const annual = byAgent.get(agent.id) ?? 0
    const result = evaluateRank(agent.rank, agent.monthsBelowRequirement, annual, ranks)
    await tx.agent.update({
      where: { id: agent.id },
      data: { monthsBelowRequirement: result.monthsBelow, lastEvaluatedMonth: lastMonth },
    })
    if (result.change) {
      await applyRank(tx, agent.id, result.change.from, result.change.to, {
        reason: result.change.reason,
        kind: 'evaluation',
        effectiveMonth: evaluationEffectiveMonth(periodKey(now, 'month')),
        evaluatedMonth: lastMonth,
        annualSales: annual,
      })
      changed++
    }
  }
  return { evaluated: agents.length, changed }
}

/**
 * HQ sets an agent's rank from the month it names (by default the next one, like an evaluation).
 * Not before the current month (Asia/Tokyo): commissions of earlier months are recorded and never change.
 */
export async function overrideRank(
  agentId: string,
  rank: AgentRankName,
  reason: string,
  actorUserId: string,
  effectiveMonth?: string,
  now = new Date(),
) {
  const thisMonth = periodKey(now, 'month')
  const from = effectiveMonth ?? addMonthsToMonth(thisMonth, 1)
  if (from < thisMonth)
    throw Invalid(
      msg(
        'rank_override_past_month',
        `適用開始月は今月（${thisMonth}）以降にしてください。過去の月の報酬は記録済みで変わりません。`,
        `The effective month must be this month (${thisMonth}) or later: commissions of earlier months are recorded ` +
          `and do not change.`,
      ),
      { fields: { effectiveMonth: fk('thisMonthOrLater') } },
    )
  return privilegedDb().$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId } })
    if (!agent) throw NotFound('This agent does not exist.')
    if (agent.rank === rank) return agent
    await applyRank(tx, agentId, agent.rank, rank, {
      reason: `HQ override: ${reason}`,
      kind: 'override',
      effectiveMonth: from,
      actorUserId,
    })
    return tx.agent.update({ where: { id: agentId }, data: { monthsBelowRequirement: 0 } })
  })
}

/** Only a diamond agent holds a territory, and a territory has one holder. */
export async function assertTerritoryClaim(tx: Tx, agentId: string, territory: string) {
  const agent = await tx.agent.findUnique({ where: { id: agentId } })
  if (!agent) throw NotFound('This agent does not exist.')
  if (agent.rank !== 'diamond')
    throw Conflict(`Only a diamond agent may hold a territory; ${agent.companyName} is ${agent.rank}.`)
  const holder = await tx.agent.findUnique({ where: { territory } })
  if (holder && holder.id !== agentId)
    throw Conflict(`${territory} is already held by ${holder.companyName}.`, {
      holder: { id: holder.id, companyName: holder.companyName },
    })
}
