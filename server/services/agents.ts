// Agents, ranks and territories (HQ) and the monthly rank evaluation job.
import type { z } from 'zod'
import type { Agent, Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, msg, NotFound } from '../lib/errors.ts'
import type { AgentRankName } from '../../shared/domain/catalogue.ts'
import { addMonthsToMonth, evaluateRank, evaluationEffectiveMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { recordAudit, type Actor } from './audit.ts'
import { revokeSessions } from './sessions.ts'
import { refreshDraftRegistrationNumbers } from './registration-numbers.ts'
import { RANK_JA } from './materials.ts'
import type { agentInput, agentUpdateInput, rankSettingInput } from '../../shared/schemas/hq.ts'

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
  actor: Actor,
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
    if (!agent) throw NotFound(AGENT_NOT_FOUND)
    if (agent.rank === rank) return agent
    await applyRank(tx, agentId, agent.rank, rank, {
      reason: `HQ override: ${reason}`,
      kind: 'override',
      effectiveMonth: from,
      actorUserId: actor.type === 'user' && actor.id ? actor.id : undefined,
    })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'agent_rank',
      entityId: agentId,
      after: { rank, reason, effectiveMonth },
    })
    return tx.agent.update({ where: { id: agentId }, data: { monthsBelowRequirement: 0 } })
  })
}

const AGENT_NOT_FOUND = msg('agent_not_found', 'この代理店は見つかりません。', 'This agent does not exist.')

/** Only a diamond agent holds a territory, and a territory has one holder. */
export async function assertTerritoryClaim(tx: Tx, agentId: string, territory: string) {
  const agent = await tx.agent.findUnique({ where: { id: agentId } })
  if (!agent) throw NotFound(AGENT_NOT_FOUND)
  if (agent.rank !== 'diamond')
    throw Conflict(
      msg(
        'territory_needs_diamond',
        `テリトリーを持てるのはダイヤモンドランクの代理店のみです。「${agent.companyName}」は` +
          `${RANK_JA[agent.rank]}ランクです。`,
        `Only a diamond agent may hold a territory; ${agent.companyName} is ${agent.rank}.`,
      ),
    )
  const holder = await tx.agent.findUnique({ where: { territory } })
  if (holder && holder.id !== agentId) {
    const taken = msg(
      'territory_taken',
      `テリトリー「${territory}」はすでに「${holder.companyName}」が持っています。`,
      `${territory} is already held by ${holder.companyName}.`,
    )
    throw Conflict(taken, {
      holder: { id: holder.id, companyName: holder.companyName },
    })
  }
}

// ---------------------------------------------------------------- HQ's agent directory

type AgentInput = z.infer<typeof agentInput>
type AgentUpdateInput = z.infer<typeof agentUpdateInput>
type RankSettingInput = z.infer<typeof rankSettingInput>

/** HQ registers an agent (bronze). */
export async function createAgent(input: AgentInput, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const created = await tx.agent.create({ data: { ...input, email: input.email.toLowerCase() } })
    await recordAudit(tx, actor, { action: 'create', entity: 'agent', entityId: created.id, after: created })
    return created
  })
}

/** HQ edits, suspends or gives a territory to an agent; a suspended agent's people are signed out. */
export async function updateAgent(id: string, input: AgentUpdateInput, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } })
    if (!before) throw NotFound(AGENT_NOT_FOUND)
    if (input.territory) await assertTerritoryClaim(tx, id, input.territory)
    const after = await tx.agent.update({
      where: { id },
      data: { ...input, ...(input.email ? { email: input.email.toLowerCase() } : {}) },
    })
    await recordAudit(tx, actor, { action: 'update', entity: 'agent', entityId: id, before, after })
    if (after.status !== 'active' && before.status === 'active')
      await revokeSessions(tx, { portal: 'agent', user: { agentId: id } }, 'agent_suspended')
    return after
  })
}

/** The signed-in agent's profile, rank and the terms of that rank. */
export async function agentProfile(agent: Agent) {
  const rank = await privilegedDb().agentRankSetting.findUniqueOrThrow({ where: { rank: agent.rank } })
  return {
    id: agent.id,
    companyName: agent.companyName,
    contactName: agent.contactName,
    rank: agent.rank,
    territory: agent.territory,
    terms: {
      firstYearMarginBps: rank.firstYearMarginBps,
      continuingMarginBps: rank.continuingMarginBps,
      annualSalesRequirement: rank.annualSalesRequirement,
      currency: rank.currency,
      benefits: rank.benefits,
    },
  }
}

/** The agent a user works for, as the /auth/me answer shows it (null for none). */
export async function agentSummary(agentId: string | null) {
  if (!agentId) return null
  return privilegedDb().agent.findUnique({
    where: { id: agentId },
    select: { id: true, companyName: true, rank: true, status: true },
  })
}

/** The agent's qualified-invoice registration number, copied onto its draft payouts. */
export async function setAgentRegistrationNumber(agent: Agent, registrationNumber: string | null, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const updated = await tx.agent.update({
      where: { id: agent.id },
      data: { qualifiedInvoiceNumber: registrationNumber },
    })
    await refreshDraftRegistrationNumbers(tx, 'agent', agent.id, registrationNumber)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'agent',
      entityId: agent.id,
      before: { qualifiedInvoiceNumber: agent.qualifiedInvoiceNumber },
      after: { qualifiedInvoiceNumber: registrationNumber },
    })
    return { registrationNumber: updated.qualifiedInvoiceNumber }
  })
}

/** Margins, requirements and benefits of every rank. */
export async function listRankSettings() {
  return privilegedDb().agentRankSetting.findMany({ orderBy: { sortOrder: 'asc' } })
}

/** HQ edits a rank's margins, requirement or benefits. */
export async function updateRankSetting(rank: AgentRankName, input: RankSettingInput, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.agentRankSetting.findUniqueOrThrow({ where: { rank } })
    const after = await tx.agentRankSetting.update({ where: { rank }, data: input })
    await recordAudit(tx, actor, { action: 'update', entity: 'agent_rank_setting', entityId: rank, before, after })
    return after
  })
}
