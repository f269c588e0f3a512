// Plan limits on the server: a feature the plan lacks is 403 naming the cheapest plan with it; a
// room past the limit is 409 with the limit. Pages ask the same via /api/v1/tenant/entitlements.
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import { Conflict, Forbidden } from '../lib/errors.ts'
import { checkFeature, roomsLeft } from '../../shared/domain/entitlements.ts'
import { PLAN_FEATURES, type PlanFeature } from '../../shared/domain/catalogue.ts'

async function planAndCatalogue(db: TenantDb | TenantTx) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true } })
  const plans = await db.subscriptionPlan.findMany({ where: { active: true } })
  return { tenant, plan: tenant.plan, plans }
}

export async function tenantEntitlements(db: TenantDb) {
  const { plan, plans } = await planAndCatalogue(db)
  const roomsUsed = await db.room.count()
  const features = Object.fromEntries(
    PLAN_FEATURES.map((f) => {
      const check = checkFeature(plan, f, plans)
      return [
        f,
        check.allowed
          ? { allowed: true }
          : {
              allowed: false,
              requiredPlan: check.requiredPlan && {
                planCode: check.requiredPlan.planCode,
                name: check.requiredPlan.name,
              },
            },
      ]
    }),
  )
  return {
    plan: { planCode: plan.planCode, name: plan.name },
    rooms: { used: roomsUsed, limit: plan.maxRooms, left: roomsLeft(plan, roomsUsed) },
    features,
  }
}

/** Throws 403 when the tenant's plan lacks `feature`, naming the cheapest plan that has it. */
export async function requireFeature(db: TenantDb | TenantTx, feature: PlanFeature): Promise<void> {
  const { plan, plans } = await planAndCatalogue(db)
  const check = checkFeature(plan, feature, plans)
  if (check.allowed) return
  const needed = check.requiredPlan ? `${check.requiredPlan.name} or above` : 'a custom plan (contact sales)'
  throw Forbidden(`Your plan (${plan.name}) does not include ${feature}. It is available on ${needed}.`, {
    feature,
    currentPlan: plan.planCode,
    requiredPlan: check.requiredPlan?.planCode ?? null,
  })
}

/** Inside a tenant transaction: lock the tenant row, then refuse a room past the plan's limit. */
export async function assertRoomAvailable(tx: TenantTx, tenantId: string, adding = 1): Promise<void> {
  // Serializes concurrent room additions of one hotel, so two requests cannot both take the last room.
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId} FOR UPDATE`
  const tenant = await tx.tenant.findFirstOrThrow({ include: { plan: true } })
  const used = await tx.room.count()
  if (used + adding > tenant.plan.maxRooms) {
    throw Conflict(
      `Your plan (${tenant.plan.name}) allows up to ${tenant.plan.maxRooms} rooms and you have ${used}. Remove a ` +
        `room or upgrade your plan.`,
      { limit: tenant.plan.maxRooms, used },
    )
  }
}
