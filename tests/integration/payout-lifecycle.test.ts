// The payout lifecycle on a real database: draft → approved → exported (a stored Zengin file, the
// same bytes on every download) → transferred, or returned → payable again; a refund that reaches a
// payout past draft becomes a clawback and never edits it; negative balances; concurrent HQ sessions.
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import {
  approveMonth,
  approvePayout,
  createPayouts,
  exportZenginFile,
  markReturned,
  markTransferred,
  payeeBalances,
  payoutStatement,
  saveBankAccount,
} from '../../server/services/payouts'
import { refundInvoice } from '../../server/services/refunds'
import { uniq, useIntegrationDb } from '../helpers/db'
import { validateZenginFile } from '../helpers/zengin-validator'

const db = useIntegrationDb()
const HQ = { type: 'user' as const, id: null, ip: '127.0.0.1', userAgent: 'vitest' }

/** An agent with a bank account and a hotel whose paid monthly invoices carry the given commissions. */
async function agentEarning(months: [string, number][], holder = 'パートナーズ') {
  const p = db.privileged
  const agent = await p.agent.create({
    data: {
      companyName: uniq('Payee'),
      contactName: 'P',
      email: `${uniq('p')}@x.example`,
      qualifiedInvoiceNumber: 'T7000012050002',
    },
  })
  await saveBankAccount('agent', agent.id, {
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderKana: holder,
  })
  const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'LEISURE_ECONOMY' } })
  const tenant = await p.tenant.create({
    data: {
      slug: uniq('h'),
      name: 'Lifecycle Hotel',
      planId: plan.id,
      contractStartDate: new Date(`${months[0]![0]}-01`),
    },
  })
  const referral = await p.referral.create({
    data: {
      code: uniq('R'),
      referrerType: 'agent',
      referrerAgentId: agent.id,
      referredTenantId: tenant.id,
      status: 'converted',
    },
  })
  const invoices: Record<string, string> = {}
  for (const [i, [month, amount]] of months.entries()) {
    const inv = await issueInvoice(p, tenant, plan, 'monthly', `${month}-01`)
    await p.$transaction((tx) => recordPayment(tx, tenant.id, inv.id, { method: 'manual' }))
    invoices[month] = inv.id
    await p.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date(`${month}-01`),
        contractMonth: i + 1,
        feeAttributable: amount * 5,
        rateBps: 2_000,
        amount,
      },
    })
  }
  return { agent, tenant, referral, invoices }
}

const mine = <T extends { payeeId: string }>(rows: T[], agentId: string) => rows.find((r) => r.payeeId === agentId)

describe('payout lifecycle', () => {
  it(`a refund after export never edits the exported payout: it becomes a clawback on the next payout (the ¥11,000 \
example)`, async () => {
    const p = db.privileged
    const { agent, tenant, invoices } = await agentEarning([
      ['2025-06', 6_000],
      ['2025-07', 4_000],
    ])
    // Sunday 09:00 Tokyo; Monday 8/11 is 山の日: the earliest transfer is 8/14
    const now = new Date('2025-08-10T00:00:00Z')
    const batch = await p.$transaction((tx) => createPayouts(tx, '2025-07', now, HQ))
    const payout = mine(batch.payouts, agent.id)!
    expect(payout).toMatchObject({ amount: 10_000, tax: 1_000, total: 11_000, status: 'draft' })
    await p.$transaction((tx) => approvePayout(tx, payout.id, HQ, now))
    const file = await p.$transaction((tx) => exportZenginFile(tx, '2025-07', '2025-08-14', HQ, now))
    expect(file.created).toBe(true)

    // The hotel's June invoice is refunded after the file went to the bank.
    const refund = await p.$transaction((tx) => refundInvoice(tx, tenant.id, invoices['2025-06']!, 'guarantee'))
    expect(refund).toMatchObject({ cancelled: 0, clawedBack: 1 })
    expect(await p.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      status: 'exported',
      amount: 10_000,
      tax: 1_000,
      total: 11_000,
    })
    expect(await p.referralPayment.count({ where: { payoutId: payout.id } })).toBe(2)
    expect(await p.payoutAdjustment.findMany({ where: { payeeId: agent.id } })).toMatchObject([
      { amount: -6_000, appliedPayoutId: null },
    ])
    const again = await p.$transaction((tx) => exportZenginFile(tx, '2025-07', '2025-08-14', HQ, now))
    expect(Buffer.compare(again.content, file.content)).toBe(0)

    // No ¥4,400 payout follows; the debt shows as a negative balance until earnings cover it.
    const next = await p.$transaction((tx) => createPayouts(tx, '2025-08', new Date('2025-09-10T00:00:00Z'), HQ))
    expect(mine(next.payouts, agent.id)).toBeUndefined()
    expect(mine(next.carried, agent.id)).toMatchObject({ amount: -6_000 })
    const balances = await p.$transaction((tx) => payeeBalances(tx, new Date('2025-09-10T00:00:00Z')))
    expect(mine(balances, agent.id)).toMatchObject({ payable: 0, clawbacks: -6_000, balance: -6_000 })

    await p.$transaction((tx) => markTransferred(tx, payout.id, HQ))
    // September earns ¥12,000: the next payout is 12,000 − 6,000 = 6,000 + 10% tax.
    const { referral } = await p.referralPayment.findFirstOrThrow({
      where: { payoutId: payout.id },
      include: { referral: true },
    })
    await p.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date('2025-09-01'),
        contractMonth: 4,
        feeAttributable: 60_000,
        rateBps: 2_000,
        amount: 12_000,
      },
    })
    const october = await p.$transaction((tx) => createPayouts(tx, '2025-09', new Date('2025-10-10T00:00:00Z'), HQ))
    expect(mine(october.payouts, agent.id)).toMatchObject({ amount: 6_000, tax: 600, total: 6_600 })
    expect(await p.payoutAdjustment.findFirst({ where: { payeeId: agent.id } })).toMatchObject({
      appliedPayoutId: mine(october.payouts, agent.id)!.id,
    })
  })

  it('the database refuses to edit or delete a payout past draft, or move it into a second file', async () => {
    const p = db.privileged
    const { agent } = await agentEarning([['2025-03', 7_000]])
    const now = new Date('2025-04-07T00:00:00Z')
    const payout = mine((await p.$transaction((tx) => createPayouts(tx, '2025-03', now, HQ))).payouts, agent.id)!
    await p.$transaction((tx) => approvePayout(tx, payout.id, HQ, now))
    await expect(p.payout.update({ where: { id: payout.id }, data: { amount: 1 } })).rejects.toThrow(
      /only a draft payout can change/,
    )
    await expect(p.payout.delete({ where: { id: payout.id } })).rejects.toThrow(/only a draft payout can be deleted/)
    const file = await p.$transaction((tx) => exportZenginFile(tx, '2025-03', '2025-04-09', HQ, now))
    const other = await p.zenginFile.create({
      data: {
        month: '2025-03',
        sequence: 99,
        transferDate: new Date('2025-04-09'),
        content: new Uint8Array([0x39]),
        sha256: '0'.repeat(64),
        recordCount: 0,
        totalAmount: 0n,
      },
    })
    await expect(p.payout.update({ where: { id: payout.id }, data: { zenginFileId: other.id } })).rejects.toThrow(
      /already in Zengin file|Unique constraint failed/,
    )
    await expect(p.payout.update({ where: { id: payout.id }, data: { status: 'draft' } })).rejects.toThrow(
      /not a lifecycle step/,
    )
    expect((await p.payout.findUniqueOrThrow({ where: { id: payout.id } })).zenginFileId).toBe(file.id)
    await p.zenginFile.delete({ where: { id: other.id } })
  })

  it(`stores the Zengin file at the first download and returns the same bytes later; the file passes the independent \
check`, async () => {
    const p = db.privileged
    const a = await agentEarning([['2025-01', 8_000]], 'カブシキガイシャ　ｏｍｏｔｅｎａｓｕ　パートナーズ')
    const b = await agentEarning([['2025-01', 9_500]], 'ユウゲンガイシャ　キョウト・ヴィラ')
    const now = new Date('2025-02-03T00:00:00Z')
    await p.$transaction((tx) => createPayouts(tx, '2025-01', now, HQ))
    const approved = await p.$transaction((tx) => approveMonth(tx, '2025-01', HQ, now))
    expect(approved.approved).toBeGreaterThanOrEqual(2)
    await expect(p.$transaction((tx) => exportZenginFile(tx, '2025-01', '2025-02-08', HQ, now))).rejects.toThrow(
      /bank business day/,
    ) // a Saturday
    await expect(p.$transaction((tx) => exportZenginFile(tx, '2025-01', '2025-02-04', HQ, now))).rejects.toThrow(
      /too soon/,
    )
    const first = await p.$transaction((tx) => exportZenginFile(tx, '2025-01', '2025-02-05', HQ, now))
    const second = await p.$transaction((tx) =>
      exportZenginFile(tx, '2025-01', '2025-02-28', HQ, new Date('2025-02-20T00:00:00Z')),
    )
    expect(second).toMatchObject({ id: first.id, created: false, transferDate: '2025-02-05' })
    expect(Buffer.compare(second.content, first.content)).toBe(0)
    const { errors, parsed } = validateZenginFile(first.content)
    expect(errors).toEqual([])
    const names = parsed.data.map((d) => iconv.decode(Buffer.from(d['受取人名']!, 'latin1'), 'Shift_JIS').trimEnd())
    expect(names).toContain('ｶ)OMOTENASU ﾊﾟ-ﾄﾅ-ｽﾞ')
    expect(names).toContain('ﾕ)ｷﾖｳﾄ.ｳﾞｲﾗ')
    const codes = await p.payout.findMany({
      where: { payeeId: { in: [a.agent.id, b.agent.id] } },
      select: { customerCode: true },
    })
    for (const { customerCode } of codes)
      expect(parsed.data.map((d) => d['顧客コード1'])).toContain(String(customerCode).padStart(10, '0'))
    expect(
      await p.payout.count({
        where: { payeeId: { in: [a.agent.id, b.agent.id] }, status: 'exported', zenginFileId: first.id },
      }),
    ).toBe(2)
    expect(
      await p.auditLog.count({
        where: {
          entity: 'payout',
          entityId: {
            in: codes.length ? (await p.payout.findMany({ where: { payeeId: a.agent.id } })).map((x) => x.id) : [],
          },
          action: { in: ['create', 'approve', 'export'] },
        },
      }),
    ).toBe(3)
  })

  it('a payout the bank returns goes back to payable: its commissions are in the next batch', async () => {
    const p = db.privileged
    const { agent, tenant, referral } = await agentEarning([['2024-10', 7_500]])
    const now = new Date('2024-11-05T00:00:00Z')
    const payout = mine((await p.$transaction((tx) => createPayouts(tx, '2024-10', now, HQ))).payouts, agent.id)!
    await expect(p.$transaction((tx) => markReturned(tx, payout.id, 'closed account', HQ))).rejects.toThrow(
      /needs a exported or transferred/,
    )
    await p.$transaction((tx) => approvePayout(tx, payout.id, HQ, now))
    await p.$transaction((tx) => exportZenginFile(tx, '2024-10', '2024-11-07', HQ, now))
    await p.$transaction((tx) => markTransferred(tx, payout.id, HQ))
    const returned = await p.$transaction((tx) => markReturned(tx, payout.id, '口座解約', HQ))
    expect(returned).toMatchObject({ status: 'returned', returnReason: '口座解約', amount: 7_500, total: 8_250 })
    expect(
      await p.referralPayment.findFirstOrThrow({ where: { tenantId: tenant.id, referralId: referral.id } }),
    ).toMatchObject({ status: 'pending', payoutId: null, paidAt: null })
    expect(
      mine(await p.$transaction((tx) => payeeBalances(tx, new Date('2024-12-05T00:00:00Z'))), agent.id),
    ).toMatchObject({ payable: 7_500, balance: 7_500, inFlight: 0 })
    const next = await p.$transaction((tx) => createPayouts(tx, '2024-11', new Date('2024-12-05T00:00:00Z'), HQ))
    expect(mine(next.payouts, agent.id)).toMatchObject({ amount: 7_500, total: 8_250, status: 'draft' })
    expect(
      await p.auditLog.findFirst({ where: { entity: 'payout', entityId: payout.id, action: 'return' } }),
    ).toMatchObject({ actorType: 'user', after: { reason: '口座解約' } })
  })

  it('says so when a batch creates nothing', async () => {
    const result = await db.privileged.$transaction((tx) =>
      createPayouts(tx, '2019-01', new Date('2019-02-05T00:00:00Z'), HQ),
    )
    expect(result.created).toBe(0)
    expect(result.nothing).toMatchObject({
      code: 'payout_batch_empty',
      en: expect.stringMatching(/No payouts were created for 2019-01/),
    })
  })

  it(`two HQ sessions approving and exporting at once: one file, each payout in it once, each commission in one \
payout`, async () => {
    const p = db.privileged
    const agents = await Promise.all([
      agentEarning([['2024-05', 6_100]]),
      agentEarning([['2024-05', 6_200]]),
      agentEarning([['2024-05', 6_300]]),
    ])
    const now = new Date('2024-06-03T00:00:00Z')
    // Two batches for different months at once would both take May's commissions: one waits for the other.
    const [june, may] = await Promise.all([
      p.$transaction((tx) => createPayouts(tx, '2024-06', now, HQ)),
      p.$transaction((tx) => createPayouts(tx, '2024-05', now, HQ)),
    ])
    const ids = agents.map((a) => a.agent.id)
    expect([...june.payouts, ...may.payouts].filter((x) => ids.includes(x.payeeId))).toHaveLength(3)
    const month = mine(june.payouts, ids[0]!) ? '2024-06' : '2024-05'
    const approvals = await Promise.all([0, 1].map(() => p.$transaction((tx) => approveMonth(tx, month, HQ, now))))
    expect(approvals[0]!.approved + approvals[1]!.approved).toBeGreaterThanOrEqual(3)
    const files = await Promise.all(
      [0, 1, 2].map(() => p.$transaction((tx) => exportZenginFile(tx, month, '2024-06-05', HQ, now))),
    )
    expect(new Set(files.map((f) => f.id)).size).toBe(1)
    expect(files.filter((f) => f.created)).toHaveLength(1)
    expect(await p.zenginFile.count({ where: { month } })).toBe(1)
    const payouts = await p.payout.findMany({ where: { payeeId: { in: ids } } })
    expect(payouts.every((x) => x.status === 'exported' && x.zenginFileId === files[0]!.id)).toBe(true)
    expect(
      await p.auditLog.count({
        where: { entity: 'payout', action: 'approve', entityId: { in: payouts.map((x) => x.id) } },
      }),
    ).toBe(3)
  })

  it('a referring hotel and a PMS vendor get their registration numbers on their payouts and statements', async () => {
    const p = db.privileged
    const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_ENTERPRISE' } })
    const referrer = await p.tenant.create({
      data: { slug: uniq('ref'), name: 'Referrer Hotel', planId: plan.id, qualifiedInvoiceNumber: 'T7000012050002' },
    })
    const vendor = await p.pmsVendor.create({
      data: { code: uniq('v').toLowerCase(), name: 'Vendor KK', qualifiedInvoiceNumber: 'T7000012050002' },
    })
    const referred = await p.tenant.create({
      data: { slug: uniq('refd'), name: 'Referred Hotel', planId: plan.id, contractStartDate: new Date('2024-02-01') },
    })
    const byHotel = await p.referral.create({
      data: {
        code: uniq('H'),
        referrerType: 'customer',
        referrerTenantId: referrer.id,
        referredTenantId: referred.id,
        status: 'converted',
      },
    })
    const byVendor = await p.referral.create({
      data: { code: uniq('P'), referrerType: 'pms_vendor', referrerPmsVendorId: vendor.id },
    })
    await p.referralPayment.create({
      data: {
        tenantId: referred.id,
        referralId: byHotel.id,
        paymentMonth: new Date('2024-02-01'),
        contractMonth: 1,
        feeAttributable: 298_000,
        rateBps: 500,
        amount: 14_900,
      },
    })
    const other = await p.tenant.create({
      data: { slug: uniq('vref'), name: 'Vendor Referred', planId: plan.id, contractStartDate: new Date('2024-02-01') },
    })
    await p.referral.update({ where: { id: byVendor.id }, data: { referredTenantId: other.id, status: 'converted' } })
    await p.referralPayment.create({
      data: {
        tenantId: other.id,
        referralId: byVendor.id,
        paymentMonth: new Date('2024-02-01'),
        contractMonth: 1,
        feeAttributable: 298_000,
        rateBps: 2_000,
        amount: 59_600,
      },
    })
    const batch = await p.$transaction((tx) => createPayouts(tx, '2024-02', new Date('2024-06-03T00:00:00Z'), HQ))
    const hotelPayout = batch.payouts.find((x) => x.payeeId === referrer.id)!
    const vendorPayout = batch.payouts.find((x) => x.payeeId === vendor.id)!
    expect(hotelPayout).toMatchObject({ payeeType: 'customer', registrationNumber: 'T7000012050002', amount: 14_900 })
    expect(vendorPayout).toMatchObject({
      payeeType: 'pms_vendor',
      registrationNumber: 'T7000012050002',
      amount: 59_600,
    })
    expect(await payoutStatement(p, { id: hotelPayout.id })).toMatchObject({
      payeeName: 'Referrer Hotel',
      registrationNumber: 'T7000012050002',
      lines: [{ hotel: 'Referred Hotel', amount: 14_900 }],
    })
  })

  it(`a refund racing an approval: either the draft is recomputed first or the refund becomes a clawback — never \
both, never neither`, async () => {
    const p = db.privileged
    for (let round = 0; round < 3; round++) {
      const { agent, tenant, invoices } = await agentEarning([
        ['2023-09', 7_000],
        ['2023-10', 6_000],
      ])
      const now = new Date('2023-11-06T00:00:00Z')
      const payout = mine((await p.$transaction((tx) => createPayouts(tx, '2023-10', now, HQ))).payouts, agent.id)!
      await Promise.all([
        p.$transaction((tx) => approvePayout(tx, payout.id, HQ, now)),
        p.$transaction((tx) => refundInvoice(tx, tenant.id, invoices['2023-09']!, 'race')),
      ])
      const after = await p.payout.findUniqueOrThrow({ where: { id: payout.id } })
      const clawed = (await p.payoutAdjustment.findMany({ where: { payeeId: agent.id } })).reduce(
        (s, a) => s + a.amount,
        0,
      )
      expect(after.status).toBe('approved')
      expect(after.amount + clawed).toBe(6_000)
    }
  })
})
