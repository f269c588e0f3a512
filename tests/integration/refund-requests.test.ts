// Risk reversal on a real database: a hotel's request, auto-approval or HQ's queue, approval
// through the local fake Stripe (twice: one refund) or by HQ's bank transfer, the credit notes,
// the commissions cancelled or clawed back and the next payout, rejection, one open request per
// hotel, the guarantee's end, the ROI part's refundCompensation, and isolation between hotels.
import type { Actor } from '../../server/services/audit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueDueInvoices, issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import {
  createPayouts,
  approvePayout,
  exportZenginFile,
  markTransferred,
  saveBankAccount,
  SYSTEM_ACTOR,
} from '../../server/services/payouts'
import {
  approveRefundRequest,
  approveRefundRequestById,
  hotelRefundRequests,
  listRefundRequests,
  refundCompensation,
  rejectRefundRequest,
  requestRefund,
} from '../../server/services/refund-requests'
import { scopeToTenant } from '../../server/db/tenancy'
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe'
import { uniq, useIntegrationDb } from '../helpers/db'

const SELLER = {
  SELLER_NAME: 'テスト販売株式会社',
  SELLER_REGISTRATION_NUMBER: 'T4010001008772',
  SELLER_ADDRESS: '東京都港区1-2-3',
}
const db = useIntegrationDb()
let fake: FakeStripe
const stripe = () => ({ secretKey: 'sk_test_fake_refunds', apiBase: fake.url })
const HQ: Actor = { type: 'user', id: 'hq-admin', ip: '127.0.0.1', userAgent: 'test' }
const OWNER: Actor = { type: 'user', id: 'owner', ip: '127.0.0.1', userAgent: 'test' }
const transfer = { bankName: 'みずほ銀行', transferredOn: '2026-11-12', reference: 'FX-001' }

beforeAll(async () => {
  Object.assign(process.env, SELLER)
  fake = await startFakeStripe()
})
afterAll(async () => {
  await fake.close()
})

async function hotel(planCode: string, contractStart: string) {
  const p = db.privileged
  const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await p.tenant.create({
    data: { slug: uniq('refund'), name: 'Refund Hotel', planId: plan.id, contractStartDate: new Date(contractStart) },
  })
  const owner = await p.user.create({
    data: { email: `${uniq('owner')}@hotel.example`, name: 'Owner', passwordHash: 'x', locale: 'en' },
  })
  await p.tenantMembership.create({ data: { tenantId: tenant.id, userId: owner.id, role: 'owner' } })
  return { tenant, plan, owner }
}

/** A paid invoice; with `viaStripe`, a payment intent and charge in the fake Stripe behind it. */
async function paidInvoice(t: Awaited<ReturnType<typeof hotel>>, start: string, viaStripe = false) {
  const p = db.privileged
  const inv = await issueInvoice(p, t.tenant, t.plan, 'monthly', start)
  let refs = {}
  if (viaStripe) {
    const pi = uniq('pi')
    const ch = uniq('ch')
    fake.objects.set(pi, { id: pi, object: 'payment_intent', latest_charge: ch })
    fake.objects.set(ch, {
      id: ch,
      object: 'charge',
      amount: inv.total,
      amount_refunded: 0,
      refunded: false,
      refunds: { object: 'list', data: [] },
    })
    refs = { stripePaymentIntentId: pi, stripeChargeId: ch }
  }
  await p.$transaction((tx) =>
    recordPayment(tx, t.tenant.id, inv.id, {
      method: viaStripe ? 'stripe' : 'manual',
      paidAt: new Date(`${start}T03:00:00Z`),
      ...refs,
    }),
  )
  return inv
}

const mailsTo = (to: string) =>
  db.privileged.mailMessage.findMany({
    where: { toAddress: to, kind: 'refund_request_update' },
    orderBy: { createdAt: 'asc' },
  })

describe('a small first full refund (Stripe off)', () => {
  it('is approved at once, waits for HQ’s transfer, refunds with a credit note, ends the contract', async () => {
    const t = await hotel('LEISURE_ECONOMY', '2026-11-01')
    const inv = await paidInvoice(t, '2026-11-01')
    const now = new Date('2026-11-10T03:00:00Z')
    const ctx = { stripe: null, now }
    const r = await requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'Not for us' }, OWNER, ctx)
    expect(r).toMatchObject({
      status: 'approved',
      autoApproved: true,
      amountYen: 32_780,
      guaranteeEndsOn: '2026-11-30',
    })
    expect(r.steps.map((s) => s.step)).toEqual(['requested', 'auto_approved'])

    // Stripe is off: HQ's approval needs the transfer it made.
    await expect(approveRefundRequest(t.tenant.id, r.id, {}, HQ, ctx)).rejects.toMatchObject({
      code: 'manual_transfer_required',
    })
    const done = await approveRefundRequest(t.tenant.id, r.id, { manualTransfer: transfer }, HQ, ctx)
    expect(done).toMatchObject({
      status: 'refunded',
      method: 'manual',
      refundedAmount: 32_780,
      cancelsOn: '2026-12-01',
    })
    expect(done.creditNoteNumbers).toEqual([`CN-${inv.number}-01`])
    expect(done.steps.map((s) => s.step)).toEqual([
      'requested',
      'auto_approved',
      'refunded',
      'credit_note_issued',
      'cancellation_scheduled',
    ])
    const p = db.privileged
    expect(await p.invoice.findUnique({ where: { tenantId_id: { tenantId: t.tenant.id, id: inv.id } } })).toMatchObject(
      {
        status: 'refunded',
      },
    )
    expect((await p.creditNote.findFirstOrThrow({ where: { tenantId: t.tenant.id } })).total).toBe(32_780)
    // Retrying changes nothing.
    expect(await approveRefundRequest(t.tenant.id, r.id, { manualTransfer: transfer }, HQ, ctx)).toMatchObject({
      status: 'refunded',
    })
    expect(await p.creditNote.count({ where: { tenantId: t.tenant.id } })).toBe(1)
    // Owners (English here) mailed at each step; every step audited.
    expect((await mailsTo(t.owner.email)).map((m) => m.subject)).toEqual([
      '[OmotenasuAI] Your refund request (full refund)',
      '[OmotenasuAI] Your refund request (full refund)',
    ])
    expect((await mailsTo(t.owner.email))[1]!.textBody).toContain('1 December 2026')
    const audits = await p.auditLog.findMany({
      where: { entity: 'refund_request', entityId: r.id },
      orderBy: { occurredAt: 'asc' },
    })
    expect(audits.map((a) => a.action)).toEqual(['create', 'approve', 'refund'])

    // The billing job issues nothing from the day the contract ends, and cancels the hotel.
    await issueDueInvoices(p, new Date('2026-12-02T03:00:00Z'), { stripeOn: false, tenantIds: [t.tenant.id] })
    expect(await p.invoice.count({ where: { tenantId: t.tenant.id } })).toBe(1)
    expect((await p.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).status).toBe('cancelled')

    // A second request: no open one, but the earlier refund means HQ looks; nothing is left to return.
    await expect(
      requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'again' }, OWNER, ctx),
    ).rejects.toMatchObject({ code: 'refund_nothing_paid' })
  })
})

describe('a small first full refund (Stripe on)', () => {
  it('is approved and refunded through Stripe at once, and the subscription ends with its paid period', async () => {
    const t = await hotel('LEISURE_ECONOMY', '2026-11-01')
    const sub = uniq('sub')
    fake.objects.set(sub, { id: sub, object: 'subscription', metadata: {}, discounts: [] })
    await db.privileged.tenant.update({ where: { id: t.tenant.id }, data: { stripeSubscriptionId: sub } })
    await paidInvoice(t, '2026-11-01', true)
    const ctx = { stripe: stripe(), now: new Date('2026-11-10T03:00:00Z') }
    const r = await requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'Auto' }, OWNER, ctx)
    expect(r).toMatchObject({ status: 'refunded', autoApproved: true, method: 'stripe', refundedAmount: 32_780 })
    expect(r.steps.map((s) => s.step)).toEqual([
      'requested',
      'auto_approved',
      'refunded',
      'credit_note_issued',
      'cancellation_scheduled',
    ])
    expect(fake.objects.get(sub)!.cancel_at_period_end).toBe(true)
    const payment = await db.privileged.payment.findFirstOrThrow({ where: { tenantId: t.tenant.id } })
    expect(payment).toMatchObject({ refundedAmount: 32_780 })
    expect(payment.stripeRefundId).toMatch(/^re_/)
  })
})

describe('the guarantee period', () => {
  it.each([
    { now: '2026-11-30T14:59:59Z', ok: true }, // the last day, 23:59:59 Tokyo
    { now: '2026-11-30T15:00:00Z', ok: false }, // the first day outside, Tokyo midnight
  ])('at $now → $ok', async ({ now, ok }) => {
    const t = await hotel('LEISURE_ECONOMY', '2026-11-01')
    await paidInvoice(t, '2026-11-01')
    const attempt = requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'late' }, OWNER, {
      stripe: null,
      now: new Date(now),
    })
    if (ok) await expect(attempt).resolves.toMatchObject({ status: 'approved' })
    else {
      const error = await attempt.catch((e: unknown) => e)
      expect(error).toMatchObject({ kind: 'invalid', code: 'guarantee_expired', data: { endedOn: '2026-11-30' } })
      const localized = (error as { localized: { ja: string; en: string } }).localized
      expect(localized.ja).toContain('2026年11月30日')
      expect(localized.en).toContain('30 November 2026')
    }
  })
})

describe('HQ’s queue', () => {
  it('a second open request is refused (409), even when two race; HQ rejects with a reason', async () => {
    const t = await hotel('OMOTENASU_PROFESSIONAL', '2026-11-01')
    await paidInvoice(t, '2026-11-01')
    const ctx = { stripe: null, now: new Date('2026-11-20T03:00:00Z') }
    const ask = () => requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'Too costly' }, OWNER, ctx)
    const results = await Promise.allSettled([ask(), ask()])
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((x) => x.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ kind: 'conflict', code: 'refund_request_open' })
    const r = (results.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ id: string; status: string }>)
      .value
    expect(r.status).toBe('pending') // ¥140,800 is over the auto-approval limit
    const queue = await listRefundRequests({ status: 'pending' })
    const row = queue.requests.find((q) => q.id === r.id)!
    expect(row.hotel.name).toBe('Refund Hotel')
    expect(row.history.payments).toHaveLength(1)
    expect(row.needsManualTransfer).toBe(true)

    const rejected = await rejectRefundRequest(t.tenant.id, r.id, 'Usage shows value', HQ, ctx)
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Usage shows value' })
    expect(rejected.steps.at(-1)).toMatchObject({ step: 'rejected', detail: 'Usage shows value' })
    await expect(approveRefundRequest(t.tenant.id, r.id, {}, HQ, ctx)).rejects.toMatchObject({ kind: 'conflict' })
    // Rejected is closed: the hotel may ask again.
    await expect(ask()).resolves.toMatchObject({ status: 'pending' })
  })
})

describe('approval through Stripe, with commissions', () => {
  // Stripe refunds once however often HQ approves; unpaid commissions are cancelled, paid ones clawed back.
  it('refunds once through Stripe; commissions cancelled or clawed back; the next payout nets it', async () => {
    const p = db.privileged
    const agent = await p.agent.create({
      data: { companyName: uniq('Refund Agent'), contactName: 'A', email: `${uniq('a')}@x.example`, rank: 'gold' },
    })
    await saveBankAccount('agent', agent.id, {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '1234567',
      holderKana: 'リファンド',
    })
    // Two hotels the agent brought: one asks for its money back, the other keeps paying.
    const t = await hotel('OMOTENASU_PROFESSIONAL', '2026-01-10')
    const other = await hotel('OMOTENASU_PROFESSIONAL', '2026-01-10')
    for (const h of [t, other])
      await p.referral.create({
        data: { code: uniq('R'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: h.tenant.id },
      })
    for (const start of ['2026-01-10', '2026-02-10', '2026-03-10']) {
      await paidInvoice(t, start, true)
      await paidInvoice(other, start)
    }
    await p.$transaction((tx) => recordDueCommissions(tx, new Date('2026-03-20T03:00:00Z'))) // 2 × 3 × ¥38,400

    // The request on the last day of the 60-day guarantee (2026-03-10 Tokyo) goes to HQ's queue.
    const ctx = { stripe: stripe(), now: new Date('2026-03-10T14:00:00Z') }
    const r = await requestRefund(t.tenant.id, t.owner.id, { type: 'full_refund', reason: 'No ROI' }, OWNER, ctx)
    expect(r).toMatchObject({ status: 'pending', amountYen: 3 * 140_800 })

    // Meanwhile February's payout (guarantee over) pays January and February of both hotels.
    const feb = await p.$transaction((tx) => createPayouts(tx, '2026-02', new Date('2026-03-15T00:00:00Z')))
    const paidOut = feb.payouts.find((x) => x.payeeId === agent.id)!
    expect(paidOut.amount).toBe(4 * 38_400)
    await p.$transaction((tx) => approvePayout(tx, paidOut.id, SYSTEM_ACTOR))
    await p.$transaction((tx) =>
      exportZenginFile(tx, '2026-02', '2026-03-18', SYSTEM_ACTOR, new Date('2026-03-15T00:00:00Z')),
    )
    await p.$transaction((tx) => markTransferred(tx, paidOut.id, SYSTEM_ACTOR))

    // HQ approves twice (a retry, concurrently): Stripe refunds each invoice once.
    const later = { stripe: stripe(), now: new Date('2026-03-25T03:00:00Z') }
    const [a, b] = await Promise.all([
      approveRefundRequestById(r.id, {}, HQ, later),
      approveRefundRequestById(r.id, {}, HQ, later).catch(() => approveRefundRequestById(r.id, {}, HQ, later)),
    ])
    expect(a.status).toBe('refunded')
    expect(b.status).toBe('refunded')
    const refunds = [...fake.objects.values()].filter(
      (o) => o.object === 'refund' && (o.metadata as { reason?: string }).reason === 'No ROI',
    )
    expect(refunds).toHaveLength(3)
    expect(refunds.reduce((s, x) => s + Number(x.amount), 0)).toBe(3 * 140_800)
    const keys = fake.requests
      .filter((q) => q.path === '/v1/refunds' && q.idempotencyKey?.includes(r.id))
      .map((q) => q.idempotencyKey)
    expect(new Set(keys).size).toBe(3)
    expect(a).toMatchObject({ method: 'stripe', refundedAmount: 3 * 140_800, cancelsOn: '2026-04-10' })
    expect(a.creditNoteNumbers).toHaveLength(3)

    // January and February were paid out: clawed back. March was pending: cancelled.
    const commissions = await p.referralPayment.findMany({
      where: { tenantId: t.tenant.id },
      orderBy: { paymentMonth: 'asc' },
    })
    expect(commissions.map((c) => c.status)).toEqual(['paid', 'paid', 'cancelled'])
    const clawbacks = await p.payoutAdjustment.findMany({ where: { payeeId: agent.id } })
    expect(clawbacks.map((c) => c.amount)).toEqual([-38_400, -38_400])
    // The referral is cancelled.
    expect((await p.referral.findFirstOrThrow({ where: { referredTenantId: t.tenant.id } })).status).toBe('cancelled')

    // March's payout: the other hotel's March (¥38,400) less the two clawbacks (¥76,800) → nothing
    // paid, a negative balance carried; April's and May's commissions of the other hotel pay it off.
    const mar = await p.$transaction((tx) => createPayouts(tx, '2026-03', new Date('2026-04-15T00:00:00Z')))
    expect(mar.payouts.find((x) => x.payeeId === agent.id)).toBeUndefined()
    expect(mar.carried).toContainEqual({ payeeType: 'agent', payeeId: agent.id, amount: 38_400 - 76_800 })
    for (const start of ['2026-04-10', '2026-05-10']) await paidInvoice(other, start)
    await p.$transaction((tx) => recordDueCommissions(tx, new Date('2026-05-20T03:00:00Z')))
    const may = await p.$transaction((tx) => createPayouts(tx, '2026-05', new Date('2026-06-15T00:00:00Z')))
    expect(may.payouts.find((x) => x.payeeId === agent.id)!.amount).toBe(3 * 38_400 - 76_800)
  })
})

describe('refundCompensation (for the ROI part)', () => {
  it('pays a compensation as a partial refund with its credit note, once per case', async () => {
    const p = db.privileged
    const t = await hotel('LEISURE_STANDARD', '2026-05-01')
    const inv = await paidInvoice(t, '2026-05-01')
    const caseId = uniq('case')
    const ctx = { stripe: null, now: new Date('2026-11-05T03:00:00Z') }
    const pay = () =>
      refundCompensation({ tenantId: t.tenant.id, amountYen: 10_000, caseId, actor: HQ, manualTransfer: transfer }, ctx)
    const first = await pay()
    expect(first).toMatchObject({
      type: 'roi_compensation',
      status: 'refunded',
      refundedAmount: 11_000,
      cancelsOn: null,
    })
    expect((await pay()).id).toBe(first.id)
    const notes = await p.creditNote.findMany({ where: { tenantId: t.tenant.id } })
    expect(notes).toMatchObject([{ subtotal: 10_000, tax: 1_000, total: 11_000, invoiceId: inv.id }])
    expect(
      (await p.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenant.id, id: inv.id } } })).status,
    ).toBe('paid')
    // A hotel-filed ROI compensation: HQ enters the amount at approval.
    const r = await requestRefund(
      t.tenant.id,
      t.owner.id,
      { type: 'roi_compensation', reason: 'ROI under 100%' },
      OWNER,
      ctx,
    )
    expect(r).toMatchObject({ status: 'pending', amountYen: null })
    await expect(approveRefundRequest(t.tenant.id, r.id, { manualTransfer: transfer }, HQ, ctx)).rejects.toMatchObject({
      code: 'compensation_amount_required',
    })
    const done = await approveRefundRequest(t.tenant.id, r.id, { amountYen: 5_000, manualTransfer: transfer }, HQ, ctx)
    expect(done).toMatchObject({ status: 'refunded', amountYen: 5_000, refundedAmount: 5_500 })
  })
})

describe('isolation', () => {
  it('a hotel reads only its own requests; another hotel’s id finds nothing', async () => {
    const a = await hotel('LEISURE_ECONOMY', '2026-11-01')
    const b = await hotel('LEISURE_ECONOMY', '2026-11-01')
    await paidInvoice(a, '2026-11-01')
    const ctx = { stripe: null, now: new Date('2026-11-05T03:00:00Z') }
    const ra = await requestRefund(a.tenant.id, a.owner.id, { type: 'full_refund', reason: 'mine' }, OWNER, ctx)
    const seenByB = await hotelRefundRequests(scopeToTenant(db.app, b.tenant.id), ctx.now)
    expect(seenByB.requests).toEqual([])
    const seenByA = await hotelRefundRequests(scopeToTenant(db.app, a.tenant.id), ctx.now)
    expect(seenByA.requests.map((x) => x.id)).toEqual([ra.id])
    // B's owner cannot act on A's request through B's tenant.
    await expect(rejectRefundRequest(b.tenant.id, ra.id, 'not yours', HQ, ctx)).rejects.toMatchObject({
      kind: 'not_found',
    })
  })
})
