// Signup on the root domain: the hotel, its owner and its subscription (plan, cycle, first invoice)
// in one transaction, the referral code recorded when it is valid, and a one-time token that hands
// the new owner's session over to the hotel's own host.
import { randomBytes } from 'node:crypto'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, msg } from '../lib/errors.ts'
import { createPasswordHash } from '../lib/password.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { businessRules } from './business-rules.ts'
import { sameCompanyReason, type ReferrerIdentity } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { RESERVED_SUBDOMAINS, type SignupInput } from '../../shared/schemas/signup.ts'
import { issueInvoice } from './billing.ts'
import { requireSeller } from '../lib/seller.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { recordAudit, userActor } from './audit.ts'
import { scheduleSignupActions } from './lifecycle.ts'
import { queue } from './queue.ts'

const HANDOFF_TTL_MS = 2 * 60_000

export type ReferralNote = { code: string; status: 'recorded' } | { code: string; status: 'ignored'; reason: string }

/** Whether a referral code can be used for a new signup, and why not. */
export async function checkReferralCode(code: string) {
  const referral = await privilegedDb().referral.findUnique({ where: { code } })
  if (!referral)
    return {
      valid: false as const,
      reason: msg('referral_code_unknown', 'この紹介コードは存在しません。', 'This referral code does not exist.'),
    }
  if (referral.status !== 'pending' || referral.referredTenantId)
    return {
      valid: false as const,
      reason: msg(
        'referral_code_used',
        'この紹介コードはすでに使われたか、有効期限が切れています。',
        'This referral code has already been used or has expired.',
      ),
    }
  return { valid: true as const, referral }
}

/** Who stands behind a code: its agent's company and users, or its hotel's operator and members. */
async function referrerIdentity(referral: {
  referrerType: string
  referrerAgentId: string | null
  referrerTenantId: string | null
}): Promise<ReferrerIdentity> {
  const db = privilegedDb()
  if (referral.referrerType === 'agent' && referral.referrerAgentId) {
    const agent = await db.agent.findUniqueOrThrow({
      where: { id: referral.referrerAgentId },
      include: { users: { select: { email: true } } },
    })
    return { companyNames: [agent.companyName], emails: [agent.email, ...agent.users.map((u) => u.email)] }
  }
  if (referral.referrerType === 'customer' && referral.referrerTenantId) {
    const hotel = await db.tenant.findUniqueOrThrow({
      where: { id: referral.referrerTenantId },
      include: { memberships: { include: { user: { select: { email: true } } } } },
    })
    return {
      companyNames: hotel.operatingCompany ? [hotel.operatingCompany] : [],
      emails: hotel.memberships.map((m) => m.user.email),
    }
  }
  return { companyNames: [], emails: [] } // a PMS vendor does not operate hotels
}

async function suggestSubdomain(slug: string): Promise<string> {
  for (let n = 2; n < 100; n++) {
    const candidate = `${slug.slice(0, 60)}-${n}`
    if (!(await privilegedDb().tenant.findUnique({ where: { slug: candidate } }))) return candidate
  }
  return `${slug.slice(0, 54)}-${randomBytes(3).toString('hex')}`
}

export async function signUp(input: SignupInput, now = new Date()) {
  const slug = input.subdomain
  if (RESERVED_SUBDOMAINS.includes(slug))
    throw Invalid(
      msg(
        'subdomain_reserved',
        `サブドメイン「${slug}」は予約されています。別のサブドメインをお選びください。`,
        `The subdomain "${slug}" is reserved. Choose another.`,
      ),
      { fields: { subdomain: fk('subdomainReserved') } },
    )
  const plan = await privilegedDb().subscriptionPlan.findFirst({ where: { planCode: input.planCode, active: true } })
  if (!plan)
    throw Invalid(msg('plan_unavailable', 'このプランはご利用いただけません。', 'This plan is not available.'), {
      fields: { planCode: fk('planShown') },
    })
  if (input.rooms > plan.maxRooms) {
    throw Invalid(
      msg(
        'plan_too_small',
        `「${plan.name}」は${plan.maxRooms}室までのプランですが、客室数が${input.rooms}室です。` +
          'より大きなプランをお選びください。',
        `${plan.name} covers up to ${plan.maxRooms} rooms; your hotel has ${input.rooms}. Choose a larger plan.`,
      ),
      { fields: { rooms: fk('maxRoomsOnPlan', { max: plan.maxRooms, plan: plan.name }) } },
    )
  }
  if (await privilegedDb().tenant.findUnique({ where: { slug } })) {
    const suggestion = await suggestSubdomain(slug)
    const taken = msg(
      'subdomain_taken',
      `サブドメイン「${slug}」はすでに使われています。「${suggestion}」はいかがでしょうか。`,
      `The subdomain "${slug}" is taken. How about "${suggestion}"?`,
    )
    throw Conflict(taken, { fields: { subdomain: fk('subdomainTaken') }, suggestion })
  }
  const email = input.email.trim().toLowerCase()
  if (await privilegedDb().user.findUnique({ where: { email } })) {
    const registered = msg(
      'email_registered',
      'このメールアドレスのアカウントはすでに存在します。' +
        'ご自分のホテルにサインインするか、別のメールアドレスをお使いください。',
      'An account with this email already exists. Sign in to your hotel, or use another email.',
    )
    throw Conflict(registered, { fields: { email: fk('emailRegistered') } })
  }

  let referralNote: ReferralNote | null = null
  let referralId: string | null = null
  if (input.referralCode) {
    const check = await checkReferralCode(input.referralCode)
    const refused = check.valid
      ? sameCompanyReason(check.referral.referrerType, await referrerIdentity(check.referral), {
          operatingCompany: input.operatingCompany,
          email: input.email,
        })
      : null
    referralNote = !check.valid
      ? { code: input.referralCode, status: 'ignored', reason: check.reason.en }
      : refused
        ? {
            code: input.referralCode,
            status: 'ignored',
            reason: `${refused} The signup goes ahead without a referral.`,
          }
        : { code: input.referralCode, status: 'recorded' }
    if (check.valid && !refused) referralId = check.referral.id
  }

  requireSeller() // no account is created when its first invoice cannot be issued (503 with the reason)
  const passwordHash = await createPasswordHash(input.password)
  const token = newToken()
  const contractStart = periodKey(now, 'day')
  await queue() // started before the transaction that enqueues the lifecycle actions
  const result = await privilegedDb().$transaction(async (tx) => {
    const tenant = await tx.tenant.create({
      data: {
        slug,
        name: input.hotelName,
        operatingCompany: input.operatingCompany || null,
        planId: plan.id,
        billingCycle: input.billingCycle,
        discountRateBps: (await businessRules(tx, new Date(contractStart))).cycleDiscountBps[input.billingCycle],
        contractStartDate: new Date(contractStart),
        declaredRooms: input.rooms,
        settings: { create: { notificationEmails: [email] } },
      },
    })
    const user = await tx.user.create({ data: { email, name: input.ownerName, passwordHash, lastSignInAt: now } })
    await tx.tenantMembership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'owner' } })
    if (referralId) {
      // Only if still unclaimed: two hotels racing for one code cannot both record it.
      const claimed = await tx.referral.updateMany({
        where: { id: referralId, status: 'pending', referredTenantId: null },
        data: { referredTenantId: tenant.id },
      })
      if (claimed.count === 0)
        referralNote = {
          code: input.referralCode!,
          status: 'ignored',
          reason: 'This referral code has just been used by another signup.',
        }
    }
    const invoice = await issueInvoice(tx, tenant, plan, input.billingCycle, contractStart, [], [], now)
    await tx.signInToken.create({
      data: {
        kind: 'handoff',
        tokenHash: hashToken(token),
        userId: user.id,
        targetTenantId: tenant.id,
        expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS),
      },
    })
    await recordAudit(tx, userActor(user.id), {
      tenantId: tenant.id,
      action: 'create',
      entity: 'tenant',
      entityId: tenant.id,
      after: {
        slug,
        name: input.hotelName,
        planCode: plan.planCode,
        billingCycle: input.billingCycle,
        referralCode: referralId ? input.referralCode : null,
      },
    })
    await scheduleSignupActions(tx, tenant.id, now) // onboarding now, referral day 7, ROI day 30
    return { tenant, user, invoice }
  })
  return { ...result, handoffToken: token, referral: referralNote }
}

/** Redeems a hand-over token on the hotel's host, once, within its lifetime. */
export async function redeemHandoffToken(token: string, tenantId: string, now = new Date()) {
  const row = await privilegedDb().signInToken.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!row || row.kind !== 'handoff' || row.targetTenantId !== tenantId || row.expiresAt < now) return null
  const used = await privilegedDb().signInToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  })
  if (used.count !== 1) return null
  return privilegedDb().user.findUnique({ where: { id: row.userId } })
}
