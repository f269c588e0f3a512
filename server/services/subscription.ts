// The hotel's subscription as its owner sees it, and plan or cycle changes. A change takes effect
// when the next billing period starts (no proration): simple to explain, and an invoice once
// issued never changes.
import type { TenantDb } from '../db/tenancy.ts'
import { Conflict, Invalid, msg } from '../lib/errors.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { effectiveMonthlyFee, type BillingCycleName } from '../../shared/domain/billing.ts'
import { privilegedDb } from '../db/index.ts'
import { businessRules } from './business-rules.ts'
import type { SubscriptionChangeInput } from '../../shared/schemas/billing.ts'
import { addDays, businessDate } from './billing.ts'
import { stripeSettingsFromEnv, type StripeSettings } from './stripe-gateway.ts'
import { sendPlanChangeToStripe } from './stripe-sync.ts'
import { recordAudit, type Actor } from './audit.ts'

export async function subscriptionSummary(db: TenantDb, now = new Date()) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true, pendingPlan: true } })
  const last = await db.invoice.findFirst({ orderBy: { periodStart: 'desc' } })
  const guaranteeEndsOn = new Date(addDays(businessDate(tenant.contractStartDate), tenant.plan.guaranteeDays))
  // business_settings is platform data: not readable by the app role
  const rules = await businessRules(privilegedDb(), now)
  return {
    plan: {
      planCode: tenant.plan.planCode,
      name: tenant.plan.name,
      monthlyPrice: tenant.plan.monthlyPrice,
      maxRooms: tenant.plan.maxRooms,
      features: tenant.plan.features,
    },
    billingCycle: tenant.billingCycle,
    cycleDiscountBps: rules.cycleDiscountBps[tenant.billingCycle],
    effectiveMonthlyFee: effectiveMonthlyFee(tenant.plan.monthlyPrice, tenant.billingCycle, [], rules),
    currency: tenant.plan.currency,
    contractStartDate: businessDate(tenant.contractStartDate),
    nextInvoiceDate: last ? businessDate(last.periodEnd) : businessDate(tenant.contractStartDate),
    pendingChange:
      tenant.pendingPlan || tenant.pendingBillingCycle
        ? {
            planCode: (tenant.pendingPlan ?? tenant.plan).planCode,
            planName: (tenant.pendingPlan ?? tenant.plan).name,
            billingCycle: tenant.pendingBillingCycle ?? tenant.billingCycle,
            effectiveOn: last ? businessDate(last.periodEnd) : businessDate(tenant.contractStartDate),
          }
        : null,
    guarantee: {
      days: tenant.plan.guaranteeDays,
      endsOn: businessDate(guaranteeEndsOn),
      active: now < guaranteeEndsOn,
    },
  }
}

/** Schedules a plan or cycle change for the next period; refuses a plan too small for the rooms. */
export async function changeSubscription(
  db: TenantDb,
  input: SubscriptionChangeInput,
  actor: Actor,
  stripe: StripeSettings | null = stripeSettingsFromEnv(),
) {
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findFirstOrThrow({ include: { plan: true } })
    const plan = await tx.subscriptionPlan.findFirst({ where: { planCode: input.planCode, active: true } })
    if (!plan)
      throw Invalid(msg('plan_unavailable', 'このプランはご利用いただけません。', 'This plan is not available.'), {
        fields: { planCode: fk('planShown') },
      })
    const rooms = await tx.room.count()
    if (rooms > plan.maxRooms)
      throw Conflict(
        msg(
          'plan_too_small',
          `「${plan.name}」は${plan.maxRooms}室までのプランですが、現在${rooms}室が登録されています。` +
            '先に客室を削除するか、より大きなプランをお選びください。',
          `${plan.name} allows up to ${plan.maxRooms} rooms and your hotel has ${rooms}. Remove rooms first or ` +
            `choose a larger plan.`,
        ),
        { limit: plan.maxRooms, used: rooms },
      )
    const unchanged = plan.id === tenant.planId && input.billingCycle === tenant.billingCycle
    const before = { planCode: tenant.plan.planCode, billingCycle: tenant.billingCycle }
    const after = await tx.tenant.update({
      where: { id: tenant.id },
      data: unchanged
        ? { pendingPlanId: null, pendingBillingCycle: null }
        : { pendingPlanId: plan.id, pendingBillingCycle: input.billingCycle as BillingCycleName },
    })
    const change = { pendingPlanCode: unchanged ? null : plan.planCode, pendingBillingCycle: after.pendingBillingCycle }
    // Stripe on: Stripe bills the change from the next period too; already scheduled as asked → nothing to send.
    const alreadyPending = unchanged
      ? !tenant.pendingPlanId && !tenant.pendingBillingCycle
      : tenant.pendingPlanId === plan.id && tenant.pendingBillingCycle === input.billingCycle
    const stripeChange = alreadyPending
      ? null
      : await sendPlanChangeToStripe(
          tenant,
          unchanged ? null : { plan, cycle: input.billingCycle as BillingCycleName },
          `${tenant.id}:${tenant.updatedAt.getTime()}:${plan.planCode}:${input.billingCycle}`,
          stripe,
        )
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'subscription',
      entityId: db.tenantId,
      before,
      after: stripeChange ? { ...change, stripe: stripeChange } : change,
    })
    return change
  })
}
