// The plan catalogue (subscription_plans, platform data): the public list for signup and pricing,
// and HQ's whole catalogue with its edits.
import { privilegedDb } from '../db/index.ts'
import { msg, NotFound } from '../lib/errors.ts'
import type { PlanUpdateInput } from '../../shared/schemas/hq.ts'
import { recordAudit, type Actor } from './audit.ts'

/** The active plans, cheapest first, as signup and the pricing page show them. */
export async function activePlans() {
  const plans = await privilegedDb().subscriptionPlan.findMany({
    where: { active: true },
    orderBy: { monthlyPrice: 'asc' },
  })
  return plans.map((p) => ({
    planCode: p.planCode,
    name: p.name,
    monthlyPrice: p.monthlyPrice,
    currency: p.currency,
    maxRooms: p.maxRooms,
    features: p.features,
    guaranteeDays: p.guaranteeDays,
    guaranteedRoiBps: p.guaranteedRoiBps,
  }))
}

/** Every plan, inactive ones included, with how many hotels are on each (HQ). */
export async function planCatalogue() {
  return privilegedDb().subscriptionPlan.findMany({
    orderBy: { sortOrder: 'asc' },
    include: { _count: { select: { tenants: true } } },
  })
}

/** HQ edits a plan. A new price applies to invoices issued from now on; issued ones keep theirs. */
export async function updatePlan(id: string, input: PlanUpdateInput, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const before = await tx.subscriptionPlan.findUnique({ where: { id } })
    if (!before) throw NotFound(msg('plan_not_found', 'このプランは見つかりません。', 'This plan does not exist.'))
    const after = await tx.subscriptionPlan.update({ where: { id }, data: input })
    await recordAudit(tx, actor, { action: 'update', entity: 'subscription_plan', entityId: id, before, after })
    return after
  })
}
