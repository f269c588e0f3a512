// The ROI guarantee on a real database: the concierge's usage upload (idempotent, corrections, bad
// rows refused with the good ones kept) → the weekly roi job (twice, concurrently: one measurement
// per hotel and week) → a compensation case for the DOMAIN.md amount → HQ approves it as a credit
// (the next invoices carry it), as a refund (credit notes, manual refund) or rejects it; usage and
// measurements stay inside their hotel; each kind of API key opens only its own door.
import { SYSTEM_ACTOR } from '../../server/services/audit'
import { describe, expect, it } from 'vitest'
import { tenantDb } from '../../server/db/index'
import { DomainError } from '../../server/lib/errors'
import {
  authenticateApiKey,
  authenticateConciergeKey,
  issueApiKey,
  issueConciergeKey,
  revokeConciergeKey,
} from '../../server/services/api-keys'
import { issueDueInvoices, recordPayment } from '../../server/services/billing'
import { approveRefundRequestById } from '../../server/services/refund-requests'
import { runJobOnce } from '../../server/services/jobs'
import {
  approveCompensation,
  measureRoi,
  rejectCompensation,
  tenantRoi,
  uploadUsage,
  type Actor,
} from '../../server/services/roi'
import { uniq, useIntegrationDb } from '../helpers/db'
import { startFakeStripe } from '../helpers/fake-stripe'

const db = useIntegrationDb()
const HQ: Actor = { type: 'user', id: null, ip: null, userAgent: null }
const CONCIERGE: Actor = { type: 'concierge', id: null, ip: null, userAgent: null }
// Sunday 2026-12-06 02:00 in Tokyo: measures up to Saturday 12-05, in the week of Monday 11-30,
// the first week after the 6 months of a contract started 2026-06-01 (its window ends 11-30).
const SUNDAY = new Date('2026-12-05T17:00:00Z')
const WEEK = '2026-11-30'

/** Every day of the hotel's first 6 months: 2026-06-01 … 2026-11-30 (183 days). */
const DAYS = Array.from({ length: 183 }, (_, i) => new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10))

async function plan() {
  return db.privileged.subscriptionPlan.create({
    data: {
      planCode: uniq('ROI'),
      name: 'ROI test plan',
      monthlyPrice: 29_800,
      maxRooms: 30,
      features: ['ai_chat'],
      guaranteeDays: 30,
      guaranteedRoiBps: 10_000,
    },
  })
}

/**
 * A hotel from 2026-06-01 with its six monthly invoices of the window paid (¥29,800 each before tax),
 * by hand, or through Stripe (`pay` registers each payment intent and charge where it is paid).
 */
async function hotel(planId: string, pay?: (invoice: { id: string; total: number }) => Record<string, unknown>) {
  const t = await db.privileged.tenant.create({
    data: { slug: uniq('roi'), name: 'ROI Hotel', planId, contractStartDate: new Date('2026-06-01') },
  })
  await issueDueInvoices(db.privileged, SUNDAY, { tenantIds: [t.id], stripeOn: false })
  const invoices = await db.privileged.invoice.findMany({ where: { tenantId: t.id }, orderBy: { periodStart: 'asc' } })
  expect(invoices).toHaveLength(7) // 06-01 … 12-01; the December one stays unpaid and outside the window
  for (const inv of invoices.slice(0, 6))
    await db.privileged.$transaction((tx) =>
      recordPayment(tx, t.id, inv.id, pay ? { method: 'stripe', ...pay(inv) } : { method: 'manual' }),
    )
  return t
}

const day = (hotel: string, date: string, chat: number, voice: number, upsell: number) => ({
  hotel,
  date,
  conversations: { chat, voice },
  upsellRevenue: upsell,
})

async function runRoi(job: string, period: string) {
  return runJobOnce(db.privileged, job, period, (tx) => measureRoi(tx, SUNDAY))
}

describe('the ROI guarantee, end to end', () => {
  let low: { id: string; slug: string }
  let high: { id: string; slug: string }
  let refundHotel: { id: string; slug: string }
  let rejectHotel: { id: string; slug: string }

  it('stores usage per hotel and day: idempotent, corrections replace, bad rows refused, good kept', async () => {
    const p = await plan()
    low = await hotel(p.id)
    high = await hotel(p.id)
    refundHotel = await hotel(p.id)
    rejectHotel = await hotel(p.id)
    // A wrong first report of 06-01 (50 chats), corrected below.
    const first = await uploadUsage([day(low.slug, DAYS[0]!, 50, 1, 100)], CONCIERGE, 'en', SUNDAY)
    expect(first).toEqual({ accepted: [{ index: 0, hotel: low.slug, date: DAYS[0], status: 'created' }], rejected: [] })

    const rows = [
      ...DAYS.map((d) => day(low.slug, d, 2, 1, 100)), // 3 conversations and ¥100 upsell a day
      ...DAYS.map((d) => day(high.id, d, 100, 20, 5_000)), // by id
      day('no-such-hotel', DAYS[0]!, 1, 0, 0),
      day(low.slug, '2026-12-06', 1, 0, 0), // Sunday in Tokyo: not over yet
      day(low.slug, '2026-05-31', 1, 0, 0), // before the contract
      { ...day(low.slug, DAYS[1]!, -1, 0, 0) }, // negative
      { ...day(low.slug, DAYS[2]!, 1, 0, 0), upsellRevenue: 10.5 }, // not whole yen
      day(low.slug, DAYS[3]!, 9, 9, 9), // the same hotel and day twice in one request
      'not a row',
    ]
    const result = await uploadUsage(rows, CONCIERGE, 'en', SUNDAY)
    expect(result.accepted).toHaveLength(2 * 183)
    expect(result.accepted[0]).toMatchObject({ date: DAYS[0], status: 'replaced' }) // the correction
    expect(result.accepted.filter((a) => a.status === 'created')).toHaveLength(2 * 183 - 1)
    expect(result.rejected.map((r) => [r.index - 2 * 183, r.code])).toEqual([
      [0, 'unknown_hotel'],
      [1, 'future_date'],
      [2, 'before_contract'],
      [3, 'invalid_row'],
      [4, 'invalid_row'],
      [5, 'duplicate_row'],
      [6, 'invalid_row'],
    ])
    expect(result.rejected[3]!.fields).toEqual([expect.objectContaining({ path: 'conversations.chat' })])
    expect(result.rejected[4]!.fields).toEqual([{ path: 'upsellRevenue', message: 'Whole yen only.' }])
    // The message follows the request's language.
    const ja = await uploadUsage([day('no-such-hotel', DAYS[0]!, 1, 0, 0)], CONCIERGE, 'ja', SUNDAY)
    expect(ja.rejected[0]!.message).toBe('このホテルは見つかりません。')

    // The same upload again changes nothing.
    const again = await uploadUsage(rows.slice(0, 183), CONCIERGE, 'en', SUNDAY)
    expect(again.accepted.every((a) => a.status === 'unchanged')).toBe(true)
    expect(await db.privileged.conciergeUsage.count({ where: { tenantId: low.id } })).toBe(183)
    const june1 = await db.privileged.conciergeUsage.findUniqueOrThrow({
      where: { tenantId_usageDate: { tenantId: low.id, usageDate: new Date(DAYS[0]!) } },
    })
    expect(june1).toMatchObject({ chatConversations: 2, voiceConversations: 1, upsellRevenue: 100 })
    await uploadUsage(
      DAYS.map((d) => day(refundHotel.slug, d, 2, 1, 100)),
      CONCIERGE,
      'en',
      SUNDAY,
    )
    await uploadUsage(
      DAYS.map((d) => day(rejectHotel.slug, d, 2, 1, 100)),
      CONCIERGE,
      'en',
      SUNDAY,
    )
  })

  it('usage and measurements stay inside their hotel (tenant client)', async () => {
    const scoped = tenantDb(low.id)
    expect(await scoped.conciergeUsage.count()).toBe(183)
    expect(await scoped.conciergeUsage.count({ where: { tenantId: high.id } })).toBe(0)
    expect(await tenantDb(high.id).conciergeUsage.count()).toBe(183)
  })

  it('measures once per hotel and week, run twice and concurrently; a case opens below the guarantee', async () => {
    const job = uniq('roi')
    // The scheduled run and an HQ manual run at once (different period keys, so both do the work),
    // then the scheduled one again: the (hotel, week) key keeps one measurement each.
    const outcomes = await Promise.all([runRoi(job, WEEK), runRoi(job, `manual:${WEEK}`)])
    expect(outcomes.map((o) => o.status)).toEqual(['ran', 'ran'])
    expect((await runRoi(job, WEEK)).status).toBe('already_done')
    expect((await runRoi(job, `manual2:${WEEK}`)).status).toBe('ran')
    for (const t of [low, high, refundHotel, rejectHotel])
      expect(await db.privileged.roiMeasurement.count({ where: { tenantId: t.id } })).toBe(1)

    // low: 183 × 3 = 549 conversations × 6 min × ¥1,800 / 60 = ¥98,820 saved; upsell 183 × 100 = ¥18,300;
    // fees 6 × 29,800 = ¥178,800 (the December invoice is outside the window and unpaid).
    // ROI = (98,820 + 18,300 − 178,800) / 178,800 = −0.34496… → −3,450 bps.
    const m = await db.privileged.roiMeasurement.findFirstOrThrow({ where: { tenantId: low.id } })
    expect(m).toMatchObject({
      complete: true,
      conversations: 549,
      staffMinutesSaved: 3_294,
      costSavings: 98_820,
      revenueIncrease: 18_300,
      feesPaid: 178_800,
      roiBps: -3_450,
      guaranteedRoiBps: 10_000,
      minutesPerConversation: 6,
      staffHourlyCost: 1_800,
    })
    expect(m.weekStart.toISOString().slice(0, 10)).toBe(WEEK)
    expect(m.periodEnd.toISOString().slice(0, 10)).toBe('2026-11-30')
    // Compensation = 178,800 − (98,820 + 18,300) / 2 = ¥120,240, one case per hotel.
    const c = await db.privileged.roiCompensation.findMany({ where: { tenantId: low.id } })
    expect(c).toHaveLength(1)
    expect(c[0]).toMatchObject({ amount: 120_240, feesPaid: 178_800, roiBps: -3_450, status: 'open' })
    // high: 183 × 120 × 6 × 1,800 / 60 = ¥3,952,800 + ¥915,000 upsell: far above 100%, no case.
    expect(await db.privileged.roiCompensation.count({ where: { tenantId: high.id } })).toBe(0)

    // The hotel sees only its own measurement, with its inputs and its case.
    const view = await tenantRoi(tenantDb(low.id))
    expect(view.measurements).toHaveLength(1)
    expect(view.measurements[0]).toMatchObject({ conversations: 549, feesPaid: 178_800, roiBps: -3_450 })
    expect(view.compensation).toMatchObject({ amount: 120_240, status: 'open' })
    expect(await tenantDb(low.id).roiMeasurement.count({ where: { tenantId: high.id } })).toBe(0)
    // The next week measures nobody past the window: this hotel's 6 months were judged.
    const later = await db.privileged.$transaction((tx) =>
      measureRoi(tx, new Date('2026-12-12T17:00:00Z'), {
        tenantIds: [low.id, high.id, refundHotel.id, rejectHotel.id],
      }),
    )
    expect(later.measured).toBe(0)
  })

  it('approved as a credit: the next invoices carry it until it is paid back', async () => {
    const c = await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: low.id } })
    const approved = await approveCompensation(c.id, 'credit', HQ, SUNDAY, null)
    expect(approved).toMatchObject({ status: 'credit_pending', amount: 120_240 })
    await expect(approveCompensation(c.id, 'refund', HQ, SUNDAY, null)).rejects.toMatchObject({
      code: 'compensation_not_open',
    })
    // January: the whole ¥29,800 invoice is credited.
    await issueDueInvoices(db.privileged, new Date('2027-01-02T00:00:00Z'), { tenantIds: [low.id], stripeOn: false })
    const jan = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: low.id, periodStart: new Date('2027-01-01') },
      include: { lines: true },
    })
    expect(jan.lines.find((l) => l.kind === 'credit')).toMatchObject({
      description: 'ROI保証の補償クレジット',
      amount: -29_800,
    })
    expect(jan).toMatchObject({ subtotal: 0, total: 0 })
    expect(await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: low.id } })).toMatchObject({
      status: 'credit_pending',
      creditedAmount: 29_800,
    })
    // February … May: 3 × 29,800 more, then the last ¥1,040 (120,240 − 4 × 29,800) on May's invoice.
    await issueDueInvoices(db.privileged, new Date('2027-05-02T00:00:00Z'), { tenantIds: [low.id], stripeOn: false })
    const may = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: low.id, periodStart: new Date('2027-05-01') },
      include: { lines: true },
    })
    expect(may.lines.find((l) => l.kind === 'credit')?.amount).toBe(-1_040)
    expect(may).toMatchObject({ subtotal: 28_760, tax: 2_876, total: 31_636 })
    expect(await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: low.id } })).toMatchObject({
      status: 'credited',
      creditedAmount: 120_240,
      creditInvoiceId: may.id,
    })
    // June carries nothing more.
    await issueDueInvoices(db.privileged, new Date('2027-06-02T00:00:00Z'), { tenantIds: [low.id], stripeOn: false })
    const june = await db.privileged.invoice.findFirstOrThrow({
      where: { tenantId: low.id, periodStart: new Date('2027-06-01') },
      include: { lines: true },
    })
    expect(june.lines.some((l) => l.kind === 'credit')).toBe(false)
  })

  it('approved as a refund: a refund request that waits for HQ’s bank transfer, then credit notes', async () => {
    const c = await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: refundHotel.id } })
    expect(c.amount).toBe(120_240)
    const result = await approveCompensation(c.id, 'refund', HQ, SUNDAY, null)
    // The one way money goes back: an approved roi_compensation request, on /hq/refunds and /guarantee.
    expect(result).toMatchObject({
      status: 'refunded',
      refundRequest: { type: 'roi_compensation', status: 'approved', amountYen: 120_240, refundedAmount: 0 },
    })
    expect(await db.privileged.creditNote.count({ where: { tenantId: refundHotel.id } })).toBe(0)
    // Approving again neither decides twice nor opens a second request.
    await approveCompensation(c.id, 'refund', HQ, SUNDAY, null)
    expect(await db.privileged.refundRequest.count({ where: { tenantId: refundHotel.id } })).toBe(1)
    // HQ records the transfer it made: 4 × ¥29,800 (Nov, Oct, Sep, Aug) + ¥1,040 (Jul), each with its 10% tax.
    const done = await approveRefundRequestById(
      result.refundRequest!.id,
      { manualTransfer: { bankName: 'みずほ銀行', transferredOn: '2026-12-14', reference: 'ROI-1' } },
      HQ,
      { stripe: null, now: SUNDAY },
    )
    expect(done).toMatchObject({ status: 'refunded', refundedAmount: 4 * 32_780 + 1_144 })
    const notes = await db.privileged.creditNote.findMany({
      where: { tenantId: refundHotel.id },
      orderBy: { periodStart: 'desc' },
    })
    expect(notes.map((n) => [n.periodStart.toISOString().slice(0, 7), n.subtotal, n.tax, n.total])).toEqual([
      ['2026-11', 29_800, 2_980, 32_780],
      ['2026-10', 29_800, 2_980, 32_780],
      ['2026-09', 29_800, 2_980, 32_780],
      ['2026-08', 29_800, 2_980, 32_780],
      ['2026-07', 1_040, 104, 1_144],
    ])
    // A compensation is not a money-back refund: the invoices stay paid.
    expect(await db.privileged.invoice.count({ where: { tenantId: refundHotel.id, status: 'refunded' } })).toBe(0)
    expect(await db.privileged.roiCompensation.findFirstOrThrow({ where: { id: c.id } })).toMatchObject({
      status: 'refunded',
      refundRef: result.refundRequest!.id,
    })
    const audit = await db.privileged.auditLog.findFirst({
      where: { tenantId: refundHotel.id, entity: 'roi_compensation', action: 'approve' },
    })
    expect(audit?.after).toMatchObject({
      status: 'refunded',
      amount: 120_240,
      refundRequestId: result.refundRequest!.id,
    })
  })

  it('rejected with a reason; a decided case cannot be decided again', async () => {
    const c = await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: rejectHotel.id } })
    const email = `${uniq('owner')}@roi.example`
    const owner = await db.privileged.user.create({ data: { email, name: 'Owner', locale: 'en', passwordHash: 'x' } })
    await db.privileged.tenantMembership.create({ data: { tenantId: rejectHotel.id, userId: owner.id, role: 'owner' } })
    await rejectCompensation(c.id, 'Usage data incomplete for August', HQ, SUNDAY)
    // The owners are told, in their language, with the reason.
    const mail = await db.privileged.mailMessage.findFirstOrThrow({ where: { toAddress: email } })
    expect(mail).toMatchObject({ kind: 'roi_compensation', locale: 'en' })
    expect(mail.textBody).toContain('Reason: Usage data incomplete for August')
    expect(mail.textBody).toContain('¥120,240')
    expect(await db.privileged.roiCompensation.findFirstOrThrow({ where: { id: c.id } })).toMatchObject({
      status: 'rejected',
      rejectReason: 'Usage data incomplete for August',
    })
    await expect(approveCompensation(c.id, 'credit', HQ, SUNDAY, null)).rejects.toBeInstanceOf(DomainError)
    await expect(rejectCompensation('no-such-case', 'whatever reason', HQ)).rejects.toMatchObject({
      code: 'compensation_not_found',
    })
  })
})

describe('through Stripe (the local fake)', () => {
  it('a refund goes to Stripe on each stored payment, once; a credit goes on the customer balance', async () => {
    const fake = await startFakeStripe()
    const settings = { secretKey: 'sk_test_fake_123', apiBase: fake.url }
    try {
      const p = await plan()
      const pay = (inv: { id: string; total: number }) => {
        const charge = {
          id: `ch_${inv.id}`,
          object: 'charge',
          amount: inv.total,
          amount_refunded: 0,
          refunds: { object: 'list', data: [], has_more: false },
        }
        fake.objects.set(charge.id, charge)
        fake.objects.set(`pi_${inv.id}`, { id: `pi_${inv.id}`, latest_charge: charge.id })
        return { stripePaymentIntentId: `pi_${inv.id}`, stripeChargeId: charge.id, amount: inv.total }
      }
      const refunded = await hotel(p.id, pay)
      const credited = await hotel(p.id)
      await db.privileged.tenant.update({
        where: { id: credited.id },
        data: { stripeCustomerId: 'cus_roi', stripeSubscriptionId: `sub_${credited.id}` },
      })
      fake.objects.set('cus_roi', { id: 'cus_roi', object: 'customer', balance: 0 })
      for (const t of [refunded, credited])
        await uploadUsage(
          DAYS.map((d) => day(t.slug, d, 2, 1, 100)),
          CONCIERGE,
          'en',
          SUNDAY,
        )
      await db.privileged.$transaction((tx) => measureRoi(tx, SUNDAY, { tenantIds: [refunded.id, credited.id] }))

      const r = await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: refunded.id } })
      const result = await approveCompensation(r.id, 'refund', HQ, SUNDAY, settings)
      const refunds = fake.requests.filter((q) => q.method === 'POST' && q.path === '/v1/refunds')
      expect(refunds.map((q) => Number(q.form.amount))).toEqual([32_780, 32_780, 32_780, 32_780, 1_144])
      expect(new Set(refunds.map((q) => q.idempotencyKey)).size).toBe(5)
      expect(refunds[0]!.idempotencyKey).toMatch(new RegExp(`^refund:refund-request:${result.refundRequest!.id}:`))
      expect(result).toMatchObject({ status: 'refunded', refundRequest: { status: 'refunded' } })
      const payments = await db.privileged.payment.findMany({ where: { tenantId: refunded.id } })
      expect(payments.reduce((sum, x) => sum + x.refundedAmount, 0)).toBe(4 * 32_780 + 1_144)

      const c = await db.privileged.roiCompensation.findFirstOrThrow({ where: { tenantId: credited.id } })
      await approveCompensation(c.id, 'credit', HQ, SUNDAY, settings)
      // ¥120,240 before tax + ¥12,024 tax off the customer's next Stripe invoices.
      const balance = fake.requests.find((q) => q.path === '/v1/customers/cus_roi/balance_transactions')
      expect(balance?.form).toMatchObject({ amount: '-132264', currency: 'jpy' })
      expect(balance?.idempotencyKey).toBe(`balance:roi-compensation:${c.id}`)
      expect(await db.privileged.roiCompensation.findFirstOrThrow({ where: { id: c.id } })).toMatchObject({
        status: 'credited',
        creditedAmount: 120_240,
        stripeRef: expect.stringMatching(/^cbtxn_/),
      })
    } finally {
      await fake.close()
    }
  })
})

describe('API keys: each kind opens only its own door', () => {
  it('a concierge key is not a vendor key, and a vendor key is not a concierge key', async () => {
    const vendor = await db.privileged.pmsVendor.create({
      data: { code: uniq('v'), name: 'Vendor', apiEndpoint: 'https://pms.example' },
    })
    const vendorKey = await issueApiKey(vendor.id, 'prod', SYSTEM_ACTOR)
    const concierge = await issueConciergeKey('concierge prod', HQ)
    expect(concierge.key).toMatch(/^omc_[0-9a-f]{12}_/)
    expect(await authenticateConciergeKey(concierge.key)).toEqual({ apiKeyId: concierge.id })
    await expect(authenticateApiKey(concierge.key)).rejects.toMatchObject({ kind: 'unauthorized' })
    await expect(authenticateConciergeKey(vendorKey.key)).rejects.toMatchObject({ kind: 'unauthorized' })
    // A concierge key dressed as a vendor key (same prefix and secret, vendor format) is still refused.
    await expect(authenticateApiKey(concierge.key.replace(/^omc_/, 'omk_'))).rejects.toMatchObject({
      kind: 'unauthorized',
    })
    await revokeConciergeKey(concierge.id, HQ)
    await expect(authenticateConciergeKey(concierge.key)).rejects.toMatchObject({ kind: 'unauthorized' })
    await expect(revokeConciergeKey(vendorKey.id, HQ)).rejects.toMatchObject({ kind: 'not_found' })
  })
})
