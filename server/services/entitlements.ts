// Plan limits on the server: a feature the plan lacks is 403 naming the cheapest plan with it; a
// room past the limit is 409 with the limit. Pages ask the same via /api/v1/tenant/entitlements.
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import { Conflict, Forbidden, msg } from '../lib/errors.ts'
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

const FEATURE_NAMES_JA: Record<PlanFeature, string> = {
  ai_chat: 'AIチャット',
  multilingual_faq: '多言語FAQ',
  ai_voice: 'AI音声',
  pms_integration: 'PMS連携',
  analytics: '分析',
  upsell_engine: 'アップセルエンジン',
  premium_support: 'プレミアムサポート',
  custom_domain: '独自ドメイン',
  api_access: 'APIアクセス',
}

/** Throws 403 when the tenant's plan lacks `feature`, naming the cheapest plan that has it. */
export async function requireFeature(db: TenantDb | TenantTx, feature: PlanFeature): Promise<void> {
  const { plan, plans } = await planAndCatalogue(db)
  const check = checkFeature(plan, feature, plans)
  if (check.allowed) return
  const needed = check.requiredPlan ? `${check.requiredPlan.name} or above` : 'a custom plan (contact sales)'
  const neededJa = check.requiredPlan
    ? `「${check.requiredPlan.name}」以上のプラン`
    : 'カスタムプラン（営業担当にお問い合わせください）'
  const message = msg(
    'feature_not_in_plan',
    `現在のプラン「${plan.name}」には「${FEATURE_NAMES_JA[feature]}」が含まれていません。` +
      `${neededJa}でご利用いただけます。`,
    `Your plan (${plan.name}) does not include ${feature}. It is available on ${needed}.`,
  )
  throw Forbidden(message, {
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
      msg(
        'room_limit_reached',
        `現在のプラン「${tenant.plan.name}」の客室数は${tenant.plan.maxRooms}室までで、` +
          `すでに${used}室が登録されています。` +
          '客室を削除するか、プランをアップグレードしてください。',
        `Your plan (${tenant.plan.name}) allows up to ${tenant.plan.maxRooms} rooms and you have ${used}. Remove a ` +
          `room or upgrade your plan.`,
      ),
      { limit: tenant.plan.maxRooms, used },
    )
  }
}
