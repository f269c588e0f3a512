// A refund after commissions were recorded: unpaid ones are cancelled (a draft payout shrinks or
// goes), paid ones are clawed back from the payee's next payout.
import { describe, expect, it } from 'vitest'
import { issueInvoice, recordPayment } from '../../server/services/billing'
import { recordDueCommissions } from '../../server/services/commissions'
import {
  approvePayout,
  createPayouts,
  exportZenginFile,
  markTransferred,
  saveBankAccount,
  SYSTEM_ACTOR,
} from '../../server/services/payouts'
import { refundInvoice } from '../../server/services/refunds'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

describe('clawback after a refund', () => {
  it('cancels unpaid commissions of refunded months and claws paid ones back from the next payout', async () => {
    const p = db.privileged
    const agent = await p.agent.create({
      data: { companyName: uniq('Claw'), contactName: 'C', email: `${uniq('c')}@x.example`, rank: 'gold' },
    })
    const plan = await p.subscriptionPlan.findUniqueOrThrow({ where: { planCode: 'OMOTENASU_PROFESSIONAL' } })
    const tenant = await p.tenant.create({
      data: { slug: uniq('claw'), name: 'Claw Hotel', planId: plan.id, contractStartDate: new Date('2026-01-10') },
    })
    await p.referral.create({
      data: { code: uniq('R'), referrerType: 'agent', referrerAgentId: agent.id, referredTenantId: tenant.id },
    })
    const invoices: { id: string }[] = []
    for (const start of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10']) {
      const inv = await issueInvoice(p, tenant, plan, 'monthly', start)
      await p.$transaction((tx) => recordPayment(tx, tenant.id, inv.id, { method: 'manual' }))
      invoices.push(inv)
    }
    await p.$transaction((tx) => recordDueCommissions(tx, new Date('2026-04-20T03:00:00Z'))) // Jan..Apr: 4 × ¥38,400

    await saveBankAccount('agent', agent.id, {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '1234567',
      holderKana: 'クロウ',
    })
    // February's payout batch pays January and February; it is transferred.
    const feb = await p.$transaction((tx) => createPayouts(tx, '2026-02', new Date('2026-03-15T00:00:00Z')))
    const paidOut = feb.payouts.find((x) => x.payeeId === agent.id)!
    expect(paidOut.amount).toBe(76_800)
    await p.$transaction((tx) => approvePayout(tx, paidOut.id, SYSTEM_ACTOR))
    await p.$transaction((tx) =>
      exportZenginFile(tx, '2026-02', '2026-03-18', SYSTEM_ACTOR, new Date('2026-03-15T00:00:00Z')),
    )
    await p.$transaction((tx) => markTransferred(tx, paidOut.id, SYSTEM_ACTOR))

    // March is in a draft payout; April is not paid out yet.
    const mar = await p.$transaction((tx) => createPayouts(tx, '2026-03', new Date('2026-04-15T00:00:00Z')))
    const draft = mar.payouts.find((x) => x.payeeId === agent.id)!
    expect(draft.amount).toBe(38_400)

    // Refund February (paid out) and March (in the draft payout).
    const feb2 = await p.$transaction((tx) => refundInvoice(tx, tenant.id, invoices[1]!.id, 'guarantee'))
    expect(feb2).toMatchObject({ cancelled: 0, clawedBack: 1 })
    const mar2 = await p.$transaction((tx) => refundInvoice(tx, tenant.id, invoices[2]!.id, 'guarantee'))
    expect(mar2).toMatchObject({ cancelled: 1, clawedBack: 0 })
    expect(await p.payout.findUnique({ where: { id: draft.id } })).toBeNull() // nothing left in it
    expect(
      await p.referralPayment.findFirst({ where: { tenantId: tenant.id, paymentMonth: new Date('2026-03-01') } }),
    ).toMatchObject({ status: 'cancelled', payoutId: null })
    expect(await p.payoutAdjustment.findMany({ where: { payeeId: agent.id } })).toMatchObject([
      { amount: -38_400, appliedPayoutId: null },
    ])

    // April's payout nets April's commission against the clawback: 38,400 − 38,400 = 0 → nothing paid, clawback still
    // due.
    const apr = await p.$transaction((tx) => createPayouts(tx, '2026-04', new Date('2026-05-15T00:00:00Z')))
    expect(apr.payouts.find((x) => x.payeeId === agent.id)).toBeUndefined()
    expect(apr.carried).toContainEqual({ payeeType: 'agent', payeeId: agent.id, amount: 0 })
    await expect(p.$transaction((tx) => refundInvoice(tx, tenant.id, invoices[1]!.id, 'again'))).rejects.toThrow(
      /only a paid invoice/,
    )
  })
})
