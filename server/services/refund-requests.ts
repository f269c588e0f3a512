// Risk reversal (リスクリバーサル): a hotel asks for its money back, HQ approves or rejects, and an
// approval returns the money and settles everything that hangs on it.
//
//   requestRefund        (hotel owner) eligibility + amount + one open request + auto-approval
//   approveRefundRequest (HQ)          pending → approved, then executeRefund
//   rejectRefundRequest  (HQ)          pending → rejected with the reason
//   refundCompensation   (ROI part)    an approved compensation case paid as a refund
//   executeRefund        approved → refunded: Stripe first, OUTSIDE any transaction, each call with
//                        an idempotency key naming the request and invoice (a retry gets the same
//                        Stripe refund back); then one transaction: refundInvoice per invoice (credit
//                        note, commissions cancelled or clawed back) or a partial credit note for a
//                        compensation, referrals cancelled (the referrer's own discount revoked), the
//                        hotel cancelled at the end of its paid period, the request marked refunded,
//                        the audit and the owners' mail. A retry after any failure finishes the job.
//
// Every step writes its audit entry and mails the owners in the transaction that made it.
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { Conflict, Invalid, NotFound, Upstream, msg } from '../lib/errors.ts'
import {
  autoApproves,
  fullRefundAmount,
  refundEligibility,
  refundSteps,
  spreadCompensation,
  writtenDate,
  type RefundRequestTypeName,
} from '../../shared/domain/refunds.ts'
import { addMonths } from '../../shared/domain/billing.ts'
import type { TaxRateSummary } from '../../shared/domain/invoices.ts'
import type { ManualTransfer, RefundApprovalInput, RefundRequestInput } from '../../shared/schemas/refunds.ts'
import { businessRules } from './business-rules.ts'
import { issueCreditNote } from './invoice-documents.ts'
import { enqueueMail, deliverMailSoon } from './mail.ts'
import { recordAudit, systemActor, type Actor } from './audit.ts'
import { cancelReferralsOf } from './referrals.ts'
import { refundInvoice } from './refunds.ts'
import { stripeGateway } from './stripe-sync.ts'
import { stripeSettingsFromEnv, type StripeSettings } from './stripe-gateway.ts'

type Tx = Prisma.TransactionClient
const ymd = (d: Date) => d.toISOString().slice(0, 10)
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue

export interface RefundContext {
  /** The hotel's origin for links in mails (routes pass hotelOrigin(event, slug)). */
  hotelOrigin?: (slug: string) => string
  stripe?: StripeSettings | null
  now?: Date
}
const defaultOrigin = (slug: string) =>
  `http://${slug}.${process.env.NUXT_PUBLIC_APP_DOMAIN || process.env.APP_DOMAIN || 'localhost'}`

async function audit(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  action: string,
  id: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, actor, { action, entity: 'refund_request', entityId: id, tenantId, before, after })
}

type MailStep = 'received' | 'auto_approved' | 'approved' | 'rejected' | 'refunded'
async function mailOwners(
  tx: Tx,
  tenantId: string,
  step: MailStep,
  r: { type: RefundRequestTypeName; amountYen: number | null; rejectionReason?: string | null },
  ctx: RefundContext,
  extra: { creditNoteNumbers?: string[]; cancelsOn?: string | null } = {},
) {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true } })
  const owners = await tx.tenantMembership.findMany({
    where: { tenantId, role: 'owner', user: { disabled: false } },
    include: { user: { select: { email: true, locale: true } } },
  })
  for (const o of owners)
    await enqueueMail(tx, {
      to: o.user.email,
      locale: o.user.locale,
      template: 'refund_request_update',
      data: {
        hotelName: tenant.name,
        step,
        type: r.type,
        amountYen: r.amountYen,
        reason: step === 'rejected' ? (r.rejectionReason ?? undefined) : undefined,
        ...extra,
        url: `${(ctx.hotelOrigin ?? defaultOrigin)(tenant.slug)}/guarantee`,
      },
    })
}

/** The paid invoices with what is left of each (tax included, and before tax), newest first. */
async function paidInvoices(tx: Tx, tenantId: string) {
  const invoices = await tx.invoice.findMany({
    where: { tenantId, status: 'paid' },
    include: { payments: true, creditNotes: true },
    orderBy: { periodStart: 'desc' },
  })
  return invoices.map((inv) => {
    const payment = inv.payments[0]
    const returned = inv.creditNotes.reduce((s, c) => s + c.total, 0)
    const returnedTaxable = inv.creditNotes.reduce((s, c) => s + c.subtotal, 0)
    return {
      invoice: inv,
      payment,
      paid: payment?.amount ?? 0,
      returned: Math.max(returned, payment?.refundedAmount ?? 0),
      taxableLeft: inv.subtotal - returnedTaxable,
    }
  })
}

async function earlierRefunds(tx: Tx, tenantId: string) {
  const [requests, invoices] = await Promise.all([
    tx.refundRequest.count({ where: { tenantId, status: 'refunded' } }),
    tx.invoice.count({ where: { tenantId, status: 'refunded' } }),
  ])
  return requests + invoices
}

/** The guarantee of a tenant as the hotel's page shows it. */
export function guaranteeOf(
  tenant: { contractStartDate: Date; plan: { guaranteeDays: number; guaranteedRoiBps: number; name: string } },
  now: Date,
) {
  const e = refundEligibility(ymd(tenant.contractStartDate), tenant.plan.guaranteeDays, now)
  return {
    plan: tenant.plan.name,
    contractStart: ymd(tenant.contractStartDate),
    guaranteeDays: tenant.plan.guaranteeDays,
    endsOn: e.endsOn,
    eligible: e.eligible,
    daysLeft: e.daysLeft,
    guaranteedRoiPercent: tenant.plan.guaranteedRoiBps / 100,
    roiWindowEndsOn: addMonths(ymd(tenant.contractStartDate), 6),
  }
}

function isUniqueViolation(e: unknown) {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002'
}
const openConflict = () =>
  Conflict(
    msg(
      'refund_request_open',
      '返金申請はすでに受け付けています。結果が出るまでお待ちください。',
      'A refund request is already open for this hotel. Please wait for its outcome.',
    ),
  )

/**
 * The hotel's request. A full refund must be inside the plan's guarantee period (Tokyo days from
 * the contract start) and returns everything paid; an ROI compensation's amount is confirmed by HQ
 * at approval (from the latest ROI measurement). One open request per hotel (409). A full refund of
 * at most the auto-approval limit for a hotel with no earlier refund is approved at once.
 */
export async function requestRefund(
  tenantId: string,
  userId: string,
  input: RefundRequestInput,
  actor: Actor,
  ctx: RefundContext = {},
) {
  const now = ctx.now ?? new Date()
  const db = privilegedDb()
  let created
  try {
    created = await db.$transaction(async (tx) => {
      // Serialises requests of one hotel: the check below and the insert see the same state.
      await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId} FOR UPDATE`
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { plan: true } })
      const g = guaranteeOf(tenant, now)
      if (input.type === 'full_refund' && !g.eligible)
        throw Invalid(
          msg(
            'guarantee_expired',
            `返金保証の期間は ${writtenDate(g.endsOn, 'ja')} に終了しました。`,
            `Refund guarantee period expired on ${writtenDate(g.endsOn, 'en')}.`,
          ),
          { endedOn: g.endsOn },
        )
      if (await tx.refundRequest.count({ where: { tenantId, status: { in: ['pending', 'approved'] } } }))
        throw openConflict()
      const paid = await paidInvoices(tx, tenantId)
      // A hotel-filed ROI compensation takes the amount of its open compensation case (the roi job
      // computes it per DOMAIN.md, services/roi.ts); without one HQ enters the amount at approval.
      const roiCase =
        input.type === 'roi_compensation'
          ? await tx.roiCompensation.findFirst({ where: { tenantId, status: 'open' } })
          : null
      const amountYen = input.type === 'full_refund' ? fullRefundAmount(paid) : (roiCase?.amount ?? null)
      if (input.type === 'full_refund' && !amountYen)
        throw Invalid(
          msg(
            'refund_nothing_paid',
            'まだお支払いがないため、返金する金額がありません。',
            'Nothing has been paid yet.',
          ),
        )
      const rules = await businessRules(tx, now)
      const auto = autoApproves({
        type: input.type,
        eligible: g.eligible,
        amountYen: amountYen ?? 0,
        earlierRefunds: await earlierRefunds(tx, tenantId),
        limitYen: rules.refundAutoApprovalLimitYen,
      })
      const row = await tx.refundRequest.create({
        data: {
          tenantId,
          type: input.type,
          reason: input.reason,
          amountYen,
          guaranteeEndsOn: new Date(g.endsOn),
          requestedByUserId: userId,
          autoApproved: auto,
          status: auto ? 'approved' : 'pending',
          decidedAt: auto ? now : null,
        },
      })
      await audit(tx, actor, tenantId, 'create', row.id, undefined, {
        type: row.type,
        amountYen,
        reason: row.reason,
        guaranteeEndsOn: g.endsOn,
        status: row.status,
      })
      if (auto)
        await audit(
          tx,
          systemActor('auto-approval'),
          tenantId,
          'approve',
          row.id,
          { status: 'pending' },
          {
            status: 'approved',
            rule: `full refund inside the guarantee, ≤ ¥${rules.refundAutoApprovalLimitYen}, no earlier refund`,
          },
        )
      await mailOwners(tx, tenantId, auto ? 'auto_approved' : 'received', row, ctx)
      return row
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw openConflict() // the partial unique index: a concurrent request won
    throw e
  }
  deliverMailSoon()
  // Approved at once: Stripe returns the money now; without Stripe HQ transfers it and records it.
  if (created.status === 'approved') await executeRefund(tenantId, created.id, SYSTEM, {}, ctx).catch(() => null)
  return requestView(await db.refundRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: created.id } } }))
}

const SYSTEM: Actor = systemActor('refunds')

/** HQ approves a pending request (or finishes an approved one): then the money goes back. Safe to retry. */
export async function approveRefundRequest(
  tenantId: string,
  id: string,
  input: RefundApprovalInput,
  actor: Actor,
  ctx: RefundContext = {},
) {
  const now = ctx.now ?? new Date()
  const db = privilegedDb()
  await db.$transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id)
    if (r.status === 'rejected')
      throw Conflict(msg('refund_request_rejected', 'この申請は却下済みです。', 'This request was rejected.'))
    if (r.status !== 'pending') return // approved (finishing) or refunded (done): nothing to decide
    let amountYen = r.amountYen
    if (r.type === 'roi_compensation') {
      if (!input.amountYen)
        throw Invalid(
          msg(
            'compensation_amount_required',
            'ROI 補償の金額(税抜)を入力してください。',
            'Enter the amount of the ROI compensation (before tax).',
          ),
        )
      amountYen = input.amountYen
    }
    await tx.refundRequest.update({
      where: { tenantId_id: { tenantId, id } },
      data: { status: 'approved', amountYen, decidedAt: now, decidedByUserId: actor.id },
    })
    await audit(tx, actor, tenantId, 'approve', id, { status: 'pending' }, { status: 'approved', amountYen })
    await mailOwners(tx, tenantId, 'approved', { ...r, amountYen }, ctx)
  })
  deliverMailSoon()
  await executeRefund(tenantId, id, actor, { manualTransfer: input.manualTransfer, requireDone: true }, ctx)
  return requestView(await db.refundRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } }))
}

export async function rejectRefundRequest(
  tenantId: string,
  id: string,
  reason: string,
  actor: Actor,
  ctx: RefundContext = {},
) {
  const now = ctx.now ?? new Date()
  const db = privilegedDb()
  const row = await db.$transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id)
    if (r.status === 'rejected') return r
    if (r.status !== 'pending')
      throw Conflict(
        msg(
          'refund_request_not_pending',
          '承認済みの申請は却下できません。',
          'An approved request cannot be rejected any more.',
        ),
      )
    const updated = await tx.refundRequest.update({
      where: { tenantId_id: { tenantId, id } },
      data: { status: 'rejected', rejectionReason: reason, decidedAt: now, decidedByUserId: actor.id },
    })
    await audit(tx, actor, tenantId, 'reject', id, { status: 'pending' }, { status: 'rejected', reason })
    await mailOwners(tx, tenantId, 'rejected', updated, ctx)
    return updated
  })
  deliverMailSoon()
  return requestView(row)
}

/**
 * For the ROI part: pays an approved compensation case as a refund (fee before tax; the credit
 * note adds its tax). One request per case (unique on tenant and case): calling it again for the
 * same case finishes or returns that request, never pays twice. Commissions are not touched (DOMAIN.md).
 */
export async function refundCompensation(
  input: {
    tenantId: string
    amountYen: number
    caseId: string
    actor: Actor
    manualTransfer?: ManualTransfer
    /** What the hotel and the credit notes read; by default the case's id. */
    reason?: string
    /** Without Stripe or a transfer: false leaves the request approved, waiting for HQ's transfer. */
    requireDone?: boolean
    /** Runs in the transaction that creates the request (the ROI part marks its case decided there). */
    onCreated?: (tx: Tx, requestId: string) => Promise<void>
  },
  ctx: RefundContext = {},
) {
  const now = ctx.now ?? new Date()
  const db = privilegedDb()
  const existing = await db.refundRequest.findUnique({
    where: { tenantId_compensationCaseId: { tenantId: input.tenantId, compensationCaseId: input.caseId } },
  })
  let id = existing?.id
  if (!id) {
    const row = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${input.tenantId} FOR UPDATE`
      if (
        await tx.refundRequest.count({ where: { tenantId: input.tenantId, status: { in: ['pending', 'approved'] } } })
      )
        throw openConflict()
      // Refused now, not when HQ later records the transfer: more than the hotel paid cannot be returned.
      await planPieces(tx, { tenantId: input.tenantId, type: 'roi_compensation', amountYen: input.amountYen })
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, include: { plan: true } })
      const created = await tx.refundRequest.create({
        data: {
          tenantId: input.tenantId,
          type: 'roi_compensation',
          reason: input.reason ?? `ROI compensation case ${input.caseId}`,
          amountYen: input.amountYen,
          guaranteeEndsOn: new Date(guaranteeOf(tenant, now).endsOn),
          compensationCaseId: input.caseId,
          status: 'approved',
          decidedAt: now,
          decidedByUserId: input.actor.id,
        },
      })
      await audit(tx, input.actor, input.tenantId, 'approve', created.id, undefined, {
        type: 'roi_compensation',
        caseId: input.caseId,
        amountYen: input.amountYen,
        status: 'approved',
      })
      await mailOwners(tx, input.tenantId, 'approved', created, ctx)
      await input.onCreated?.(tx, created.id)
      return created
    })
    id = row.id
  }
  const options = { manualTransfer: input.manualTransfer, requireDone: input.requireDone ?? true }
  await executeRefund(input.tenantId, id, input.actor, options, ctx)
  return requestView(
    await db.refundRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId: input.tenantId, id } } }),
  )
}

async function lockRequest(tx: Tx, tenantId: string, id: string) {
  await tx.$queryRaw`SELECT id FROM refund_requests WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`
  const r = await tx.refundRequest.findUnique({ where: { tenantId_id: { tenantId, id } } })
  if (!r) throw NotFound()
  return r
}

interface Piece {
  invoiceId: string
  invoiceNumber: string
  /** null: the whole invoice; else the taxable yen returned (a compensation). */
  taxable: number | null
  rateBps: number
  /** The money going back for this piece, tax included. */
  amount: number
  payment: { id: string; method: string; stripePaymentIntentId: string | null; refundedAmount: number } | undefined
}

async function planPieces(tx: Tx, r: { tenantId: string; type: string; amountYen: number | null }): Promise<Piece[]> {
  const paid = await paidInvoices(tx, r.tenantId)
  if (r.type === 'full_refund')
    return paid
      .filter((p) => p.paid - p.returned > 0)
      .map((p) => ({
        invoiceId: p.invoice.id,
        invoiceNumber: p.invoice.number,
        taxable: null,
        rateBps: 1000,
        amount: p.paid - p.returned,
        payment: p.payment,
      }))
  let spread
  try {
    spread = spreadCompensation(
      r.amountYen ?? 0,
      paid.map((p) => ({ id: p.invoice.id, taxableLeft: p.taxableLeft })),
    )
  } catch {
    throw Invalid(
      msg(
        'compensation_over_paid',
        '補償額がお支払い済みの金額(税抜)を超えています。',
        'The compensation exceeds what the hotel has paid (before tax).',
      ),
    )
  }
  return spread.map((s) => {
    const p = paid.find((x) => x.invoice.id === s.id)!
    const breakdown = (p.invoice.taxBreakdown as TaxRateSummary[] | null) ?? []
    const rateBps = breakdown[0]?.rateBps ?? 1000
    return {
      invoiceId: s.id,
      invoiceNumber: p.invoice.number,
      taxable: s.taxable,
      rateBps,
      amount: s.taxable + Math.floor((s.taxable * rateBps) / 10_000),
      payment: p.payment,
    }
  })
}

/**
 * Returns the money of an approved request and settles what hangs on it. Stripe when it is on and
 * every payment went through it; otherwise HQ's manual transfer (without one, an auto-approved
 * request waits in HQ's queue as approved; HQ's approval without one is refused).
 */
export async function executeRefund(
  tenantId: string,
  id: string,
  actor: Actor,
  options: { manualTransfer?: ManualTransfer; requireDone?: boolean },
  ctx: RefundContext = {},
) {
  const now = ctx.now ?? new Date()
  const db = privilegedDb()
  const r = await db.refundRequest.findUnique({ where: { tenantId_id: { tenantId, id } } })
  if (!r) throw NotFound()
  if (r.status !== 'approved') return r
  const pieces = await db.$transaction((tx) => planPieces(tx, r))
  const settings = ctx.stripe === undefined ? stripeSettingsFromEnv() : ctx.stripe
  const gateway = stripeGateway(settings)
  const viaStripe =
    !!gateway &&
    pieces.length > 0 &&
    pieces.every((p) => p.payment?.method === 'stripe' && p.payment.stripePaymentIntentId)
  if (!viaStripe && !options.manualTransfer) {
    if (!options.requireDone) return r
    throw Invalid(
      msg(
        'manual_transfer_required',
        'Stripe で返金できないため、振込の内容(金融機関・振込日・照会番号)を入力してください。',
        'Stripe cannot return this payment: enter the bank transfer you made (bank, date, reference).',
      ),
    )
  }
  // Outside any transaction: Stripe may be slow, and a row lock must not wait on it. The key names
  // this request and invoice, so a retry (or a second approval) gets the same refund back.
  const stripeRefunds: { invoiceId: string; refundId: string; amount: number; before: number }[] = []
  if (viaStripe) {
    for (const p of pieces) {
      try {
        const refund = await gateway!.refund(
          p.payment!.stripePaymentIntentId!,
          p.taxable === null ? null : p.amount,
          r.reason.slice(0, 400),
          `refund-request:${id}:${p.invoiceId}`,
        )
        stripeRefunds.push({
          invoiceId: p.invoiceId,
          refundId: refund.id,
          amount: refund.amount,
          before: p.payment!.refundedAmount,
        })
      } catch (error) {
        throw Upstream(
          msg(
            'stripe_refund_failed',
            'Stripe が返金を受け付けませんでした。もう一度お試しください(二重に返金されることはありません)。',
            'Stripe did not accept the refund. Please try again (it will never refund twice).',
          ),
          { stripe: error instanceof Error ? error.message : String(error) },
        )
      }
    }
  }
  const done = await db.$transaction(async (tx) => {
    const current = await lockRequest(tx, tenantId, id)
    if (current.status !== 'approved') return current // a concurrent retry finished it
    const creditNotes: string[] = []
    for (const p of pieces) {
      const sr = stripeRefunds.find((s) => s.invoiceId === p.invoiceId)
      if (sr && p.payment)
        await tx.payment.update({
          where: { tenantId_id: { tenantId, id: p.payment.id } },
          // Absolute, from what was there before our call: charge.refunded may have recorded it already.
          data: { stripeRefundId: sr.refundId, refundedAmount: sr.before + sr.amount },
        })
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: p.invoiceId } } })
      if (p.taxable === null) {
        if (invoice.status === 'paid') {
          const result = await refundInvoice(tx, tenantId, p.invoiceId, `Refund request: ${r.reason}`, now)
          creditNotes.push(result.creditNote.number)
        } else {
          // Stripe's charge.refunded got here first and refunded the invoice: adopt its credit note.
          const cn = await tx.creditNote.findFirst({
            where: { tenantId, invoiceId: p.invoiceId },
            orderBy: { issuedAt: 'desc' },
          })
          if (cn) creditNotes.push(cn.number)
        }
      } else {
        const cn = await issueCreditNote(tx, {
          tenantId,
          invoiceId: p.invoiceId,
          reason: `ROI compensation: ${r.reason}`,
          returned: [{ rateBps: p.rateBps, taxable: p.taxable }],
          now,
        })
        if (!sr && p.payment)
          await tx.payment.update({
            where: { tenantId_id: { tenantId, id: p.payment.id } },
            data: { refundedAmount: { increment: cn.total } },
          })
        creditNotes.push(cn.number)
      }
    }
    let cancelsOn: string | null = null
    let referrals = { cancelled: 0, discountsRevoked: 0 }
    if (r.type === 'full_refund') {
      // The hotel leaves: its referral ends and the referrer's own discount not yet invoiced goes.
      referrals = await cancelReferralsOf(tx, tenantId, now)
      const last = await tx.invoice.findFirst({ where: { tenantId }, orderBy: { periodEnd: 'desc' } })
      cancelsOn = last ? ymd(last.periodEnd) : ymd(now)
      await tx.tenant.update({ where: { id: tenantId }, data: { cancelsOn: new Date(cancelsOn) } })
    }
    const refundedAmount = pieces.reduce((s, p) => s + p.amount, 0)
    const updated = await tx.refundRequest.update({
      where: { tenantId_id: { tenantId, id } },
      data: {
        status: 'refunded',
        method: viaStripe ? 'stripe' : 'manual',
        manualTransfer: viaStripe ? undefined : json(options.manualTransfer),
        stripeRefunds: viaStripe ? json(stripeRefunds.map(({ before: _b, ...s }) => s)) : undefined,
        refundedAmount,
        refundedAt: now,
        creditNoteNumbers: creditNotes,
        cancelsOn: cancelsOn ? new Date(cancelsOn) : null,
      },
    })
    await audit(
      tx,
      actor,
      tenantId,
      'refund',
      id,
      { status: 'approved' },
      {
        status: 'refunded',
        method: updated.method,
        refundedAmount,
        creditNotes,
        stripeRefunds: stripeRefunds.map((s) => s.refundId),
        manualTransfer: options.manualTransfer ?? null,
        cancelsOn,
        referrals,
      },
    )
    await mailOwners(tx, tenantId, 'refunded', { ...r, amountYen: refundedAmount }, ctx, {
      creditNoteNumbers: creditNotes,
      cancelsOn,
    })
    return updated
  })
  deliverMailSoon()
  // Stripe bills no further period: the subscription ends with the paid one (idempotent key).
  if (r.type === 'full_refund' && gateway) {
    const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { stripeSubscriptionId: true } })
    if (tenant?.stripeSubscriptionId)
      await gateway.cancelAtPeriodEnd(tenant.stripeSubscriptionId, `refund-request:${id}`).catch(() => null)
  }
  return done
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof privilegedDb>['refundRequest']['findUniqueOrThrow']>>

/** A request as the screens show it: amounts, dates as Tokyo days, and its steps. */
export function requestView(r: RequestRow) {
  return {
    id: r.id,
    tenantId: r.tenantId,
    type: r.type,
    status: r.status,
    reason: r.reason,
    amountYen: r.amountYen,
    autoApproved: r.autoApproved,
    guaranteeEndsOn: ymd(r.guaranteeEndsOn),
    compensationCaseId: r.compensationCaseId,
    rejectionReason: r.rejectionReason,
    method: r.method,
    refundedAmount: r.refundedAmount,
    refundedAt: r.refundedAt?.toISOString() ?? null,
    creditNoteNumbers: r.creditNoteNumbers,
    cancelsOn: r.cancelsOn ? ymd(r.cancelsOn) : null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    steps: refundSteps(r),
  }
}

/** The hotel's page: its guarantee, what a full refund would return now, its requests with their steps. */
export async function hotelRefundRequests(db: TenantDb, now = new Date()) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: db.tenantId }, include: { plan: true } })
  const requests = await db.refundRequest.findMany({ orderBy: { createdAt: 'desc' } })
  const numbers = requests.flatMap((r) => r.creditNoteNumbers)
  const notes = numbers.length
    ? await db.creditNote.findMany({
        where: { number: { in: numbers } },
        select: { id: true, number: true, total: true },
      })
    : []
  const invoices = await db.invoice.findMany({
    where: { status: 'paid' },
    include: { payments: true, creditNotes: true },
  })
  const refundable = fullRefundAmount(
    invoices.map((i) => ({
      paid: i.payments[0]?.amount ?? 0,
      returned: Math.max(
        i.creditNotes.reduce((s, c) => s + c.total, 0),
        i.payments[0]?.refundedAmount ?? 0,
      ),
    })),
  )
  return {
    guarantee: guaranteeOf(tenant, now),
    refundableYen: refundable,
    cancelsOn: tenant.cancelsOn ? ymd(tenant.cancelsOn) : null,
    open: requests.some((r) => r.status === 'pending' || r.status === 'approved'),
    requests: requests.map((r) => ({
      ...requestView(r),
      creditNotes: notes.filter((n) => r.creditNoteNumbers.includes(n.number)),
    })),
  }
}

const roiOf = (m: { roiBps: number | null; periodEnd: Date } | undefined) =>
  m && m.roiBps !== null ? { roiPercent: m.roiBps / 100, measuredOn: ymd(m.periodEnd) } : null
const usageOf = (
  u:
    | { _sum: { chatConversations: number | null; voiceConversations: number | null }; _count: { _all: number } }
    | undefined,
) =>
  u ? { conversations: (u._sum.chatConversations ?? 0) + (u._sum.voiceConversations ?? 0), days: u._count._all } : null

/** HQ's queue (filter by status), each request with the hotel's history beside it. */
export async function listRefundRequests(query: { status?: string }, now = new Date()) {
  const db = privilegedDb()
  const rows = await db.refundRequest.findMany({
    where: query.status ? { status: query.status as RequestRow['status'] } : {},
    orderBy: [{ createdAt: 'desc' }],
    take: 200,
    include: { tenant: { include: { plan: true } } },
  })
  const tenantIds = [...new Set(rows.map((r) => r.tenantId))]
  const [invoices, earlier, pms, measurements, usage] = await Promise.all([
    db.invoice.findMany({
      where: { tenantId: { in: tenantIds } },
      include: { payments: true },
      orderBy: { periodStart: 'desc' },
    }),
    db.refundRequest.findMany({ where: { tenantId: { in: tenantIds } }, orderBy: { createdAt: 'desc' } }),
    db.pmsIntegration.findMany({ where: { tenantId: { in: tenantIds } } }),
    // The latest ROI measurement and the concierge usage reported so far (services/roi.ts).
    db.roiMeasurement.findMany({
      where: { tenantId: { in: tenantIds }, roiBps: { not: null } },
      orderBy: { weekStart: 'desc' },
      distinct: ['tenantId'],
    }),
    db.conciergeUsage.groupBy({
      by: ['tenantId'],
      where: { tenantId: { in: tenantIds } },
      _sum: { chatConversations: true, voiceConversations: true },
      _count: { _all: true },
    }),
  ])
  const stripeOn = stripeSettingsFromEnv() !== null
  return {
    stripeOn,
    requests: rows.map((r) => ({
      ...requestView(r),
      hotel: {
        id: r.tenant.id,
        name: r.tenant.name,
        slug: r.tenant.slug,
        plan: r.tenant.plan.name,
        status: r.tenant.status,
        contractStart: ymd(r.tenant.contractStartDate),
        guarantee: guaranteeOf(r.tenant, now),
      },
      // What approval will use: Stripe only when it is on and every paid invoice went through it.
      needsManualTransfer:
        !stripeOn ||
        invoices.some(
          (i) =>
            i.tenantId === r.tenantId &&
            i.status === 'paid' &&
            !(i.payments[0]?.method === 'stripe' && i.payments[0]?.stripePaymentIntentId),
        ),
      history: {
        payments: invoices
          .filter((i) => i.tenantId === r.tenantId)
          .map((i) => ({
            invoiceNumber: i.number,
            periodStart: ymd(i.periodStart),
            periodEnd: ymd(i.periodEnd),
            status: i.status,
            total: i.total,
            paidAt: i.payments[0]?.paidAt.toISOString() ?? null,
            method: i.payments[0]?.method ?? null,
            refundedAmount: i.payments[0]?.refundedAmount ?? 0,
          })),
        earlierRequests: earlier
          .filter((e) => e.tenantId === r.tenantId && e.id !== r.id)
          .map((e) => ({
            id: e.id,
            type: e.type,
            status: e.status,
            amountYen: e.amountYen,
            createdAt: e.createdAt.toISOString(),
          })),
        pms: pms
          .filter((p) => p.tenantId === r.tenantId)
          .map((p) => ({
            vendorId: p.pmsVendorId,
            feature: p.feature,
            status: p.status,
            lastSyncAt: p.lastSyncAt?.toISOString() ?? null,
          })),
        roi: roiOf(measurements.find((m) => m.tenantId === r.tenantId)),
        usage: usageOf(usage.find((u) => u.tenantId === r.tenantId)),
      },
    })),
  }
}

/** HQ's screens name a request by its id alone (uuid v7, unique across hotels). */
async function tenantOfRequest(id: string) {
  const r = await privilegedDb().refundRequest.findFirst({ where: { id }, select: { tenantId: true } })
  if (!r) throw NotFound()
  return r.tenantId
}
export async function approveRefundRequestById(
  id: string,
  input: RefundApprovalInput,
  actor: Actor,
  ctx?: RefundContext,
) {
  return approveRefundRequest(await tenantOfRequest(id), id, input, actor, ctx)
}
export async function rejectRefundRequestById(id: string, reason: string, actor: Actor, ctx?: RefundContext) {
  return rejectRefundRequest(await tenantOfRequest(id), id, reason, actor, ctx)
}
