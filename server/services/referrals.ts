// Referral codes for the three referrer types: unique (database key), unguessable (60 random bits
// in Crockford base32), each with its tracking URL https://APP_DOMAIN/signup?ref=CODE.
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import type { ReferrerTypeName } from '../../shared/domain/referrals.ts'
import { recordAudit, type Actor } from './audit.ts'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const PREFIX: Record<ReferrerTypeName, string> = { agent: 'A', customer: 'H', pms_vendor: 'P' }

export function newReferralCode(type: ReferrerTypeName): string {
  const bytes = randomBytes(12)
  let code = ''
  for (let i = 0; i < 12; i++) code += ALPHABET[bytes[i]! & 31]
  return `${PREFIX[type]}-${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}

/** The tracking URL on the root domain; `origin` is e.g. https://APP_DOMAIN (or http://localhost:3000). */
export function trackingUrl(code: string, origin: string): string {
  return `${origin}/signup?ref=${encodeURIComponent(code)}`
}

export interface Referrer {
  type: ReferrerTypeName
  agentId?: string
  tenantId?: string
  pmsVendorId?: string
}

export async function issueReferralCode(
  referrer: Referrer,
  details: { campaign?: string; notes?: string },
  db: Pick<PrismaClient, 'referral'> = privilegedDb(),
) {
  return db.referral.create({
    data: {
      code: newReferralCode(referrer.type),
      referrerType: referrer.type,
      referrerAgentId: referrer.agentId,
      referrerTenantId: referrer.tenantId,
      referrerPmsVendorId: referrer.pmsVendorId,
      campaign: details.campaign,
      notes: details.notes,
    },
  })
}

/** An agent or a PMS vendor issues a code over the API (audited with it). */
export async function issueReferral(referrer: Referrer, details: { campaign?: string; notes?: string }, actor: Actor) {
  return privilegedDb().$transaction(async (tx) => {
    const referral = await issueReferralCode(referrer, details, tx)
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'referral',
      entityId: referral.id,
      after: { code: referral.code, campaign: referral.campaign },
    })
    return referral
  })
}

/** A referrer's referrals with the referred hotel and what each has earned (cancelled excluded). */
export async function referralsOf(where: {
  referrerAgentId?: string
  referrerTenantId?: string
  referrerPmsVendorId?: string
}) {
  const rows = await privilegedDb().referral.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    include: {
      referredTenant: { select: { name: true, slug: true } },
      payments: { where: { status: { not: 'cancelled' } }, select: { amount: true, status: true } },
    },
  })
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    campaign: r.campaign,
    notes: r.notes,
    status: r.status,
    referredHotel: r.referredTenant?.name ?? null,
    createdAt: r.createdAt,
    convertedAt: r.convertedAt,
    earned: r.payments.reduce((s, p) => s + p.amount, 0),
    paid: r.payments.filter((p) => p.status === 'paid').reduce((s, p) => s + p.amount, 0),
  }))
}

/** The commission ledger of a referrer: one line per referral and month. */
export async function commissionLedger(where: {
  referrerAgentId?: string
  referrerTenantId?: string
  referrerPmsVendorId?: string
}) {
  const rows = await privilegedDb().referralPayment.findMany({
    where: { referral: where },
    orderBy: [{ paymentMonth: 'desc' }],
    include: { referral: { select: { code: true, referredTenant: { select: { name: true } } } } },
    take: 500,
  })
  return rows.map((p) => ({
    id: p.id,
    month: p.paymentMonth.toISOString().slice(0, 7),
    code: p.referral.code,
    hotel: p.referral.referredTenant?.name ?? null,
    contractMonth: p.contractMonth,
    feeAttributable: p.feeAttributable,
    rateBps: p.rateBps,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
  }))
}

/**
 * The referred hotel leaves (it cancels, or is refunded within its guarantee): its open referrals
 * are cancelled and the referrer's own discount is revoked for the months not yet invoiced (a yearly
 * or biennial credit not yet invoiced goes too; months already invoiced stay as issued). Runs in the
 * caller's privileged transaction.
 */
export async function cancelReferralsOf(tx: Prisma.TransactionClient, referredTenantId: string, at: Date) {
  const open = await tx.referral.findMany({
    where: { referredTenantId, status: { in: ['pending', 'converted'] } },
    select: { id: true },
  })
  const ids = open.map((r) => r.id)
  if (!ids.length) return { cancelled: 0, discountsRevoked: 0 }
  await tx.referral.updateMany({ where: { id: { in: ids } }, data: { status: 'cancelled', cancelledAt: at } })
  const discounts = await tx.referralDiscount.findMany({ where: { referralId: { in: ids }, revokedAt: null } })
  for (const d of discounts) {
    await tx.referralDiscount.update({
      where: { tenantId_id: { tenantId: d.tenantId, id: d.id } },
      data: { revokedAt: at, revokedMonths: d.monthsRemaining, monthsRemaining: 0 },
    })
  }
  return { cancelled: ids.length, discountsRevoked: discounts.length }
}
