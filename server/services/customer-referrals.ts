// A hotel's own referral program (customer referrals) and VIP status.
import { privilegedDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { effectiveMonthlyFee } from '../../shared/domain/billing.ts'
import { Invalid } from '../lib/errors.ts'
import { CUSTOMER_COMMISSION_BPS, monthlyCommission, REFERRAL_COMMISSION_MONTHS, sameCompanyReason, vipStatus } from '../../shared/domain/referrals.ts'
import type { CustomerInvitationInput } from '../../shared/schemas/referrals.ts'
import { issueReferralCode, referralsOf, trackingUrl } from './referrals.ts'

const OWN_DISCOUNT_BPS = 1_000
const OWN_DISCOUNT_MONTHS = 6

export async function referralProgram(db: TenantDb, origin: string, now = new Date()) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true } })
  const fee = effectiveMonthlyFee(tenant.plan.monthlyPrice, tenant.billingCycle)
  const referrals = await referralsOf({ referrerTenantId: tenant.id })
  const converted = referrals.filter((r) => r.status === 'converted').length
  const ageDays = Math.floor((now.getTime() - tenant.createdAt.getTime()) / 86_400_000)
  return {
    benefits: {
      commission: { rateBps: CUSTOMER_COMMISSION_BPS, months: REFERRAL_COMMISSION_MONTHS, perMonthOnSamePlan: monthlyCommission(fee, CUSTOMER_COMMISSION_BPS), totalOnSamePlan: monthlyCommission(fee, CUSTOMER_COMMISSION_BPS) * REFERRAL_COMMISSION_MONTHS },
      ownDiscount: { rateBps: OWN_DISCOUNT_BPS, months: OWN_DISCOUNT_MONTHS, perMonth: fee - Math.floor((fee * (10_000 - OWN_DISCOUNT_BPS)) / 10_000), total: (fee - Math.floor((fee * (10_000 - OWN_DISCOUNT_BPS)) / 10_000)) * OWN_DISCOUNT_MONTHS },
      effectiveMonthlyFee: fee,
    },
    referrals: referrals.map((r) => ({ ...r, trackingUrl: trackingUrl(r.code, origin) })),
    vip: { ...vipStatus(converted, ageDays), convertedReferrals: converted, accountAgeDays: ageDays },
  }
}

/** Invites another hotel: a pending customer referral, and a message for the mailer to send. */
export async function inviteHotel(db: TenantDb, input: CustomerInvitationInput, origin: string) {
  const tenant = await db.tenant.findFirstOrThrow()
  const members = await db.tenantMembership.findMany({ include: { user: { select: { email: true } } } })
  const emails = members.map((m) => m.user.email)
  const email = input.email.trim().toLowerCase()
  const self = emails.includes(email)
    ? 'A hotel cannot refer itself: this email belongs to one of your own staff.'
    : sameCompanyReason('customer', { companyNames: tenant.operatingCompany ? [tenant.operatingCompany] : [], emails }, { email })
  if (self) throw Invalid(self, { fields: { email: 'Your own hotel or company.' } })
  const referral = await issueReferralCode({ type: 'customer', tenantId: tenant.id }, { campaign: 'invitation', notes: `${input.hotelName} / ${input.contactName} <${input.email}>` })
  const url = trackingUrl(referral.code, origin)
  await privilegedDb().notification.create({
    data: { tenantId: tenant.id, kind: 'customer_referral_invitation', subject: `${tenant.name} から OmotenasuAI のご紹介`, body: `${input.contactName} 様\n\n${tenant.name} より OmotenasuAI をご紹介いただきました。こちらからお申し込みいただけます: ${url}`, data: { to: input.email, hotelName: input.hotelName, referralId: referral.id } },
  })
  return { id: referral.id, code: referral.code, trackingUrl: url }
}
