// Payouts on a real database: the ¥5,000 minimum (the rest carried), the guarantee-period hold,
// consumption tax, one payout per payee and month, and paid commissions.
import { describe, expect, it } from 'vitest'
import {
  approvePayout,
  createPayouts,
  exportZenginFile,
  markTransferred,
  saveBankAccount,
  SYSTEM_ACTOR,
  zenginForPayouts,
} from '../../server/services/payouts'
import { DomainError } from '../../server/lib/errors'
import { uniq, useIntegrationDb } from '../helpers/db'

const db = useIntegrationDb()

async function agentWithCommissions(amounts: number[], contractStart: string, planCode = 'LEISURE_ECONOMY') {
  const agent = await db.privileged.agent.create({
    data: {
      companyName: uniq('Payee'),
      contactName: 'P',
      email: `${uniq('p')}@x.example`,
      qualifiedInvoiceNumber: 'T7000012050002',
    },
  })
  const plan = await db.privileged.subscriptionPlan.findUniqueOrThrow({ where: { planCode } })
  const tenant = await db.privileged.tenant.create({
    data: { slug: uniq('h'), name: 'H', planId: plan.id, contractStartDate: new Date(contractStart) },
  })
  const referral = await db.privileged.referral.create({
    data: {
      code: uniq('R'),
      referrerType: 'agent',
      referrerAgentId: agent.id,
      referredTenantId: tenant.id,
      status: 'converted',
    },
  })
  for (const [i, amount] of amounts.entries()) {
    await db.privileged.referralPayment.create({
      data: {
        tenantId: tenant.id,
        referralId: referral.id,
        paymentMonth: new Date(Date.UTC(2026, 5 + i, 1)),
        contractMonth: i + 1,
        feeAttributable: amount * 5,
        rateBps: 2_000,
        amount,
      },
    })
  }
  return { agent, tenant }
}

const today = new Date('2026-11-10T00:00:00Z')

describe('payouts', () => {
  it('pays the sum of payable commissions of closed months with 10% tax, once', async () => {
    const { agent } = await agentWithCommissions([5_960, 5_960, 5_960], '2026-06-01') // Jun–Aug 2026
    await saveBankAccount('agent', agent.id, {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '1234567',
      holderKana: 'パートナーズ',
    })
    const first = await db.privileged.$transaction((tx) => createPayouts(tx, '2026-10', today))
    const mine = first.payouts.find((p) => p.payeeId === agent.id)!
    expect(mine).toMatchObject({
      amount: 17_880,
      tax: 1_788,
      total: 19_668,
      registrationNumber: 'T7000012050002',
      status: 'draft',
      bankAccount: { bankCode: '0001', holderKana: 'ﾊﾟ-ﾄﾅ-ｽﾞ' },
    })
    const again = await db.privileged.$transaction((tx) => createPayouts(tx, '2026-10', today))
    expect(again.payouts.find((p) => p.payeeId === agent.id)).toBeUndefined()
    expect(await db.privileged.payout.count({ where: { payeeId: agent.id } })).toBe(1)

    expect(
      await db.privileged.$transaction((tx) => markTransferred(tx, mine.id, SYSTEM_ACTOR)).catch((e: unknown) => e),
    ).toBeInstanceOf(DomainError) // a draft is not transferred
    await db.privileged.$transaction((tx) => approvePayout(tx, mine.id, SYSTEM_ACTOR))
    await db.privileged.$transaction((tx) => exportZenginFile(tx, '2026-10', '2026-11-13', SYSTEM_ACTOR, today))
    const paid = await db.privileged.$transaction((tx) => markTransferred(tx, mine.id, SYSTEM_ACTOR))
    expect(paid.status).toBe('transferred')
    expect(await db.privileged.referralPayment.count({ where: { payoutId: mine.id, status: 'paid' } })).toBe(3)
    const twice = await db.privileged
      .$transaction((tx) => markTransferred(tx, mine.id, SYSTEM_ACTOR))
      .catch((e: unknown) => e)
    expect(twice).toBeInstanceOf(DomainError)
  })

  it('carries less than ¥5,000 to the next month', async () => {
    const { agent } = await agentWithCommissions([2_000, 2_000], '2026-06-01')
    const result = await db.privileged.$transaction((tx) => createPayouts(tx, '2026-06', today))
    expect(result.payouts.find((p) => p.payeeId === agent.id)).toBeUndefined()
    expect(result.carried).toContainEqual({ payeeType: 'agent', payeeId: agent.id, amount: 2_000 })
    // now ¥4,000: still carried
    const next = await db.privileged.$transaction((tx) => createPayouts(tx, '2026-07', today))
    expect(next.payouts.find((p) => p.payeeId === agent.id)).toBeUndefined()
  })

  it("holds commissions until the referred hotel's guarantee period has ended", async () => {
    // 90-day guarantee: ends 2027-01-13
    const { agent } = await agentWithCommissions([9_000], '2026-10-15', 'OMOTENASU_ENTERPRISE')
    const held = await db.privileged.$transaction((tx) => createPayouts(tx, '2026-10', today))
    expect(held.payouts.find((p) => p.payeeId === agent.id)).toBeUndefined()
    const later = await db.privileged.$transaction((tx) =>
      createPayouts(tx, '2027-01', new Date('2027-02-01T00:00:00Z')),
    )
    expect(later.payouts.find((p) => p.payeeId === agent.id)).toMatchObject({ amount: 9_000, tax: 900, total: 9_900 })
  })

  it('refuses a bank or branch that does not exist, and writes Zengin records for payouts with accounts', async () => {
    const { agent } = await agentWithCommissions([6_000], '2026-06-01')
    await expect(
      saveBankAccount('agent', agent.id, {
        bankCode: '9998',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderKana: 'ア',
      }),
    ).rejects.toThrow(/no bank/)
    await expect(
      saveBankAccount('agent', agent.id, {
        bankCode: '0001',
        branchCode: '999',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderKana: 'ア',
      }),
    ).rejects.toThrow(/no branch/)
    await expect(
      saveBankAccount('agent', agent.id, {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderKana: '山田',
      }),
    ).rejects.toThrow(/katakana/)
    const { records, missingBankAccount } = zenginForPayouts(
      [
        {
          id: 'p1',
          customerCode: 1,
          payeeName: 'A',
          total: 6_600,
          bankAccount: {
            bankCode: '0001',
            bankName: 'ﾐｽﾞﾎ',
            branchCode: '001',
            branchName: 'ﾄｳｷﾖｳ',
            accountType: 'ordinary',
            accountNumber: '1234567',
            holderKana: 'ｴｰ',
          },
        },
        { id: 'p2', customerCode: 2, payeeName: 'No Bank Co', total: 5_500, bankAccount: null },
      ],
      '2026-12-10',
    )
    expect(records).toHaveLength(4)
    expect(missingBankAccount).toEqual(['No Bank Co'])
  })
})
