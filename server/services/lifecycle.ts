// Lifecycle automation (DOMAIN.md): what happens to a hotel at signup and at each renewal, as
// actions on the durable queue (services/queue.ts). Scheduling happens in the causing transaction;
// each handler runs in a job_runs transaction (once per key) and writes its mails to the outbox and
// its audit entry in that same transaction.
import { vipStatus } from '../../shared/domain/referrals.ts'
import { businessRules } from './business-rules.ts'
import type { JobTx } from './jobs.ts'
import { enqueueMail } from './mail.ts'
import { scheduleAction, type ActionHandler, type ActionName } from './queue.ts'
import { recordAudit, SYSTEM_ACTOR } from './audit.ts'
import { measureRoi } from './roi.ts'

const DAY_MS = 86_400_000

/** The public origin of the root domain or a hotel's subdomain, for links in mails sent by jobs. */
export function publicOrigin(slug?: string, env: Record<string, string | undefined> = process.env): string {
  const domain = env.NUXT_PUBLIC_APP_DOMAIN || env.APP_DOMAIN || 'localhost'
  const scheme = env.PUBLIC_URL_SCHEME || (env.NODE_ENV === 'production' ? 'https' : 'http')
  const port = env.PUBLIC_URL_PORT ? `:${env.PUBLIC_URL_PORT}` : ''
  return `${scheme}://${slug ? `${slug}.` : ''}${domain}${port}`
}

/** At signup, in its transaction: onboarding mail now, referral invitation at day 7, ROI at day 30. */
export async function scheduleSignupActions(tx: JobTx, tenantId: string, now: Date) {
  const data = { tenantId, key: tenantId }
  await scheduleAction(tx, 'lifecycle.onboarding-mail', data)
  await scheduleAction(tx, 'lifecycle.referral-invitation-mail', data, new Date(now.getTime() + 7 * DAY_MS))
  await scheduleAction(tx, 'roi.first-measurement', data, new Date(now.getTime() + 30 * DAY_MS))
}

/** At a renewal (a period after the first is invoiced), in its transaction: loyalty benefit, upsell. */
export async function scheduleRenewalActions(tx: JobTx, tenantId: string, periodStart: string) {
  const data = { tenantId, key: `${tenantId}:${periodStart}`, periodStart }
  await scheduleAction(tx, 'renewal.loyalty-benefit', data)
  await scheduleAction(tx, 'renewal.upsell-proposal', data)
}

async function hotelWithOwners(tx: JobTx, tenantId: string) {
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    include: {
      plan: true,
      memberships: {
        where: { role: 'owner' },
        include: { user: { select: { email: true, name: true, locale: true } } },
      },
    },
  })
  return { tenant, owners: tenant.memberships.map((m) => m.user) }
}

const systemAudit = (tx: JobTx, tenantId: string, action: string, after: object) =>
  recordAudit(tx, SYSTEM_ACTOR, { tenantId, action, entity: 'tenant', entityId: tenantId, after })

const onboardingMail: ActionHandler = async (tx, { tenantId }) => {
  const { tenant, owners } = await hotelWithOwners(tx, tenantId)
  if (tenant.status === 'cancelled') return { skipped: 'cancelled' }
  for (const owner of owners)
    await enqueueMail(tx, {
      to: owner.email,
      locale: owner.locale,
      template: 'lifecycle_onboarding',
      data: { name: owner.name, hotelName: tenant.name, dashboardUrl: `${publicOrigin(tenant.slug)}/` },
    })
  return { mailed: owners.length }
}

const referralInvitationMail: ActionHandler = async (tx, { tenantId }) => {
  const { tenant, owners } = await hotelWithOwners(tx, tenantId)
  if (tenant.status === 'cancelled') return { skipped: 'cancelled' }
  const rules = await businessRules(tx, new Date())
  for (const owner of owners)
    await enqueueMail(tx, {
      to: owner.email,
      locale: owner.locale,
      template: 'lifecycle_referral_invitation',
      data: {
        name: owner.name,
        hotelName: tenant.name,
        referUrl: `${publicOrigin(tenant.slug)}/customer/referral`,
        sharePercent: rules.customerCommissionBps / 100,
        shareMonths: rules.referralCommissionMonths,
        discountPercent: rules.ownDiscountBps / 100,
        discountMonths: rules.ownDiscountMonths,
      },
    })
  return { mailed: owners.length }
}

/**
 * The first ROI measurement, 30 days after signup: the weekly roi job's measurement of this one
 * hotel, now (services/roi.ts; one measurement per hotel and week, so a later weekly run adds none).
 */
export const firstRoiMeasurement: ActionHandler = async (tx, { tenantId }) => {
  await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true } })
  const outcome = await measureRoi(tx, new Date(), { tenantIds: [tenantId] })
  await systemAudit(tx, tenantId, 'roi_first_measurement', { ...outcome })
  return { ...outcome }
}

/** VIP benefits in force at the renewal (DOMAIN.md "VIP customers"); 365+ days adds loyalty_discount. */
const loyaltyBenefit: ActionHandler = async (tx, { tenantId, periodStart }) => {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })
  const converted = await tx.referral.count({ where: { referrerTenantId: tenantId, status: 'converted' } })
  const at = new Date(String(periodStart))
  const ageDays = Math.floor((at.getTime() - tenant.contractStartDate.getTime()) / DAY_MS)
  const vip = vipStatus(converted, ageDays)
  if (!vip.vip) return { granted: [] }
  // TODO(merger): DOMAIN.md names loyalty_discount without an amount; once business_settings has one,
  // apply it to the next invoice here. The grant is recorded for HQ and the hotel's audit trail.
  await systemAudit(tx, tenantId, 'loyalty_benefit', {
    periodStart,
    benefits: vip.benefits,
    accountAgeDays: ageDays,
    convertedReferrals: converted,
  })
  return { granted: vip.benefits }
}

/** An upsell proposal on HQ's task list: the next plan up, at each renewal (one per period). */
const upsellProposal: ActionHandler = async (tx, { tenantId, periodStart }) => {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
  const next = await tx.subscriptionPlan.findFirst({
    where: { active: true, monthlyPrice: { gt: tenant.plan.monthlyPrice } },
    orderBy: { monthlyPrice: 'asc' },
  })
  if (!next) return { skipped: 'top_plan' }
  const created = await tx.hqTask.createMany({
    data: [
      {
        tenantId,
        kind: 'upsell_proposal',
        dueFor: String(periodStart),
        reasons: [
          { factor: 'renewal', detail: { periodStart, planCode: tenant.plan.planCode, nextPlan: next.planCode } },
        ],
      },
    ],
    skipDuplicates: true,
  })
  return { created: created.count, nextPlan: next.planCode }
}

export const ACTION_HANDLERS: Record<ActionName, ActionHandler> = {
  'lifecycle.onboarding-mail': onboardingMail,
  'lifecycle.referral-invitation-mail': referralInvitationMail,
  'roi.first-measurement': firstRoiMeasurement,
  'renewal.loyalty-benefit': loyaltyBenefit,
  'renewal.upsell-proposal': upsellProposal,
}
