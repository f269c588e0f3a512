// A hotel's own referral program (customer referrals) and VIP status.
import { privilegedDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { effectiveMonthlyFee } from '../../shared/domain/billing.ts'
import { Invalid, msg } from '../lib/errors.ts'
import { monthlyCommission, sameCompanyReason, vipStatus } from '../../shared/domain/referrals.ts'
import { businessRules } from './business-rules.ts'
import type { CustomerInvitationInput } from '../../shared/schemas/referrals.ts'
import { deliverMailSoon, enqueueMail } from './mail.ts'
import { issueReferralCode, referralsOf, trackingUrl } from './referrals.ts'
import { spendQuota } from './auth.ts'
import { HOTEL_MAIL_LIMITS } from '../../shared/domain/throttle.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { recordAudit, type Actor } from './audit.ts'

export async function referralProgram(db: TenantDb, origin: string, now = new Date()) {
  const tenant = await db.tenant.findFirstOrThrow({ include: { plan: true } })
  const rules = await businessRules(privilegedDb(), now)
  const { customerCommissionBps: rate, referralCommissionMonths: months, ownDiscountBps, ownDiscountMonths } = rules
  const fee = effectiveMonthlyFee(tenant.plan.monthlyPrice, tenant.billingCycle, [], rules)
  const referrals = await referralsOf({ referrerTenantId: tenant.id })
  const converted = referrals.filter((r) => r.status === 'converted').length
  const ageDays = Math.floor((now.getTime() - tenant.createdAt.getTime()) / 86_400_000)
  return {
    benefits: {
      commission: {
        rateBps: rate,
        months,
        perMonthOnSamePlan: monthlyCommission(fee, rate),
        totalOnSamePlan: monthlyCommission(fee, rate) * months,
      },
      ownDiscount: {
        rateBps: ownDiscountBps,
        months: ownDiscountMonths,
        perMonth: fee - Math.floor((fee * (10_000 - ownDiscountBps)) / 10_000),
        total: (fee - Math.floor((fee * (10_000 - ownDiscountBps)) / 10_000)) * ownDiscountMonths,
      },
      effectiveMonthlyFee: fee,
    },
    referrals: referrals.map((r) => ({ ...r, trackingUrl: trackingUrl(r.code, origin) })),
    vip: { ...vipStatus(converted, ageDays), convertedReferrals: converted, accountAgeDays: ageDays },
  }
}

/** Invites another hotel: a pending customer referral code, and a mail to the hotel's contact. */
export async function inviteHotel(db: TenantDb, input: CustomerInvitationInput, origin: string, actor: Actor) {
  const tenant = await db.tenant.findFirstOrThrow()
  const members = await db.tenantMembership.findMany({ include: { user: { select: { email: true } } } })
  const emails = members.map((m) => m.user.email)
  const email = input.email.trim().toLowerCase()
  const sameCompany = sameCompanyReason(
    'customer',
    { companyNames: tenant.operatingCompany ? [tenant.operatingCompany] : [], emails },
    { email },
  )
  const self = emails.includes(email)
    ? msg(
        'self_referral_own_staff',
        'ご自身のホテルは紹介できません。このメールアドレスは貴ホテルのスタッフのものです。',
        'A hotel cannot refer itself: this email belongs to one of your own staff.',
      )
    : sameCompany &&
      msg(
        'self_referral_same_company',
        'ご自身のホテルは紹介できません。このメールアドレスは同じ運営会社またはメールドメインのホテルのものです。',
        sameCompany,
      )
  if (self) throw Invalid(self, { fields: { email: fk('ownHotel') } })
  await spendQuota(`hotel-mail:${tenant.id}`, HOTEL_MAIL_LIMITS)
  // The referral code and the mail commit together: no code without its mail, no mail without its code.
  const { referral, url } = await privilegedDb().$transaction(async (tx) => {
    const referral = await issueReferralCode(
      { type: 'customer', tenantId: tenant.id },
      { campaign: 'invitation', notes: `${input.hotelName} / ${input.contactName} <${input.email}>` },
      tx,
    )
    const url = trackingUrl(referral.code, origin)
    // The invited hotel has no account yet, so no known language: Japanese, the market's.
    await enqueueMail(tx, {
      to: input.email,
      locale: 'ja',
      template: 'customer_referral_invitation',
      data: { referrerHotelName: tenant.name, hotelName: input.hotelName, contactName: input.contactName, url },
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'referral',
      entityId: referral.id,
      tenantId: tenant.id,
      after: { code: referral.code, invited: input.hotelName },
    })
    return { referral, url }
  })
  deliverMailSoon()
  return { id: referral.id, code: referral.code, trackingUrl: url }
}
