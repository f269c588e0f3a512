// Monthly payouts (HQ): per payee, the pending commissions of closed months whose referred hotel's
// guarantee period has ended (so a money-back refund cancels unpaid commissions instead of clawing
// back paid ones). At least ¥5,000 per payout, the rest carried; consumption tax 10%; the payee's
// registration number and bank account are copied onto the payout as they were.
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, NotFound } from '../lib/errors.ts'
import { payout as payoutRule, type ReferrerTypeName } from '../../shared/domain/referrals.ts'
import { isZenginName, toZenginKana, zenginRecords, type ZenginOriginator } from '../../shared/domain/zengin.ts'
import type { BankAccountInput } from '../../shared/schemas/payouts.ts'
import { businessRules } from './business-rules.ts'

type Tx = Prisma.TransactionClient

function payeeOf(r: { referrerType: ReferrerTypeName; referrerAgentId: string | null; referrerTenantId: string | null; referrerPmsVendorId: string | null }) {
  return { type: r.referrerType, id: (r.referrerAgentId ?? r.referrerTenantId ?? r.referrerPmsVendorId)! }
}

async function payeeDetails(tx: Tx, type: ReferrerTypeName, id: string) {
  const bank = await tx.payeeBankAccount.findUnique({ where: { payeeType_payeeId: { payeeType: type, payeeId: id } } })
  const bankAccount = bank && { bankCode: bank.bankCode, bankName: bank.bankName, branchCode: bank.branchCode, branchName: bank.branchName, accountType: bank.accountType, accountNumber: bank.accountNumber, holderKana: bank.holderKana }
  if (type === 'agent') {
    const a = await tx.agent.findUniqueOrThrow({ where: { id } })
    return { name: a.companyName, registrationNumber: a.qualifiedInvoiceNumber, bankAccount }
  }
  if (type === 'customer') return { name: (await tx.tenant.findUniqueOrThrow({ where: { id } })).name, registrationNumber: null, bankAccount }
  return { name: (await tx.pmsVendor.findUniqueOrThrow({ where: { id } })).name, registrationNumber: null, bankAccount }
}

/** Creates the payouts of `month` (a closed month, 'YYYY-MM') as of `today`; reruns add nothing. */
export async function createPayouts(tx: Tx, month: string, today: Date) {
  const commissions = await tx.referralPayment.findMany({
    where: { status: 'pending', payoutId: null, paymentMonth: { lte: new Date(`${month}-01`) } },
    include: { referral: true, tenant: { include: { plan: true } } },
  })
  const payable = commissions.filter((c) => {
    const guaranteeEnds = new Date(c.tenant.contractStartDate.getTime() + c.tenant.plan.guaranteeDays * 86_400_000)
    return guaranteeEnds <= today
  })
  const groups = new Map<string, typeof payable>()
  for (const c of payable) {
    const p = payeeOf(c.referral)
    const key = `${p.type}:${p.id}`
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const rules = await businessRules(tx, today) // minimum and tax rate in force when the payouts are made
  const created = []
  const carried = []
  for (const [key, rows] of groups) {
    const [type, id] = key.split(':') as [ReferrerTypeName, string]
    // Clawbacks of refunded months already paid are taken from this payout.
    const clawbacks = await tx.payoutAdjustment.findMany({ where: { payeeType: type, payeeId: id, appliedPayoutId: null } })
    const sum = rows.reduce((s, r) => s + r.amount, 0) + clawbacks.reduce((s, a) => s + a.amount, 0)
    const decision = payoutRule(sum, rules)
    if (!decision.pay) { carried.push({ payeeType: type, payeeId: id, amount: sum }); continue }
    if (await tx.payout.findUnique({ where: { payeeType_payeeId_month: { payeeType: type, payeeId: id, month } } })) continue
    const details = await payeeDetails(tx, type, id)
    const payout = await tx.payout.create({ data: { payeeType: type, payeeId: id, payeeName: details.name, month, amount: decision.amount, tax: decision.tax, total: decision.total, registrationNumber: details.registrationNumber, bankAccount: details.bankAccount ?? undefined } })
    await tx.referralPayment.updateMany({ where: { id: { in: rows.map((r) => r.id) }, payoutId: null }, data: { payoutId: payout.id } })
    if (clawbacks.length) await tx.payoutAdjustment.updateMany({ where: { id: { in: clawbacks.map((a) => a.id) } }, data: { appliedPayoutId: payout.id } })
    created.push(payout)
  }
  return { created: created.length, carried, payouts: created }
}

export async function markPayoutPaid(tx: Tx, payoutId: string, paidAt = new Date()) {
  const payout = await tx.payout.findUnique({ where: { id: payoutId } })
  if (!payout) throw NotFound('This payout does not exist.')
  if (payout.status === 'paid') throw Conflict('This payout is already paid.')
  await tx.referralPayment.updateMany({ where: { payoutId, status: 'pending' }, data: { status: 'paid', paidAt } })
  return tx.payout.update({ where: { id: payoutId }, data: { status: 'paid', paidAt } })
}

export function payoutsCsv(payouts: { payeeType: string; payeeName: string; month: string; amount: number; tax: number; total: number; registrationNumber: string | null; status: string; bankAccount: unknown }[]): string {
  const cell = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`
  const header = ['payee_type', 'payee', 'month', 'commission', 'consumption_tax', 'total', 'registration_number', 'bank', 'branch', 'account_type', 'account_number', 'holder', 'status']
  const lines = payouts.map((p) => {
    const b = (p.bankAccount ?? {}) as Record<string, string>
    return [p.payeeType, p.payeeName, p.month, p.amount, p.tax, p.total, p.registrationNumber, b.bankCode, b.branchCode, b.accountType, b.accountNumber, b.holderKana, p.status].map(cell).join(',')
  })
  return [header.join(','), ...lines].join('\r\n') + '\r\n'
}

/** The company's own account that pays (from the environment; demo values otherwise). */
export function originatorFromEnv(env: Record<string, string | undefined> = process.env): ZenginOriginator {
  return {
    companyCode: env.ZENGIN_COMPANY_CODE || '0000000001',
    companyNameKana: env.ZENGIN_COMPANY_NAME_KANA || 'ｵﾓﾃﾅｼｴｰｱｲ(ｶ',
    bankCode: env.ZENGIN_BANK_CODE || '0001',
    bankNameKana: env.ZENGIN_BANK_NAME_KANA || 'ﾐｽﾞﾎ',
    branchCode: env.ZENGIN_BRANCH_CODE || '001',
    branchNameKana: env.ZENGIN_BRANCH_NAME_KANA || 'ﾄｳｷﾖｳ',
    accountType: env.ZENGIN_ACCOUNT_TYPE === 'current' ? 'current' : 'ordinary',
    accountNumber: env.ZENGIN_ACCOUNT_NUMBER || '0000001',
  }
}

/** Zengin records for the draft payouts of a month that have a bank account; the rest are listed. */
export function zenginForPayouts(payouts: { id: string; payeeName: string; total: number; bankAccount: unknown }[], transferDate: string, originator = originatorFromEnv()) {
  const withBank = payouts.filter((p) => p.bankAccount)
  const records = zenginRecords(originator, transferDate, withBank.map((p) => {
    const b = p.bankAccount as Record<string, string>
    return { bankCode: b.bankCode!, bankNameKana: b.bankName!, branchCode: b.branchCode!, branchNameKana: b.branchName!, accountType: b.accountType as 'ordinary' | 'current', accountNumber: b.accountNumber!, holderKana: b.holderKana!, amount: p.total, customerCode: p.id.slice(-10) }
  }))
  return { records, missingBankAccount: payouts.filter((p) => !p.bankAccount).map((p) => p.payeeName) }
}

type ZenginBank = { code: string; kana: string; branches: Record<string, { code: string; kana: string }> }
let banks: Record<string, ZenginBank> | null = null

/** Validates a bank account against the zengin-code list and stores it with the bank's kana names. */
export async function saveBankAccount(payeeType: ReferrerTypeName, payeeId: string, input: Required<Omit<BankAccountInput, 'accountNumber'>> & { accountNumber: string }) {
  banks ??= ((await import('zengin-code')) as unknown as { default: Record<string, ZenginBank> }).default
  const bank = banks[input.bankCode]
  if (!bank) throw Invalid(`There is no bank with code ${input.bankCode}.`, { fields: { bankCode: 'Unknown bank code.' } })
  const branch = bank.branches[input.branchCode]
  if (!branch) throw Invalid(`${bank.kana} has no branch ${input.branchCode}.`, { fields: { branchCode: 'Unknown branch code for this bank.' } })
  const holderKana = toZenginKana(input.holderKana)
  if (!isZenginName(holderKana)) throw Invalid('Write the account holder in katakana, as on the passbook.', { fields: { holderKana: 'Katakana, digits and A–Z only.' } })
  const data = { bankCode: input.bankCode, bankName: toZenginKana(bank.kana), branchCode: input.branchCode, branchName: toZenginKana(branch.kana), accountType: input.accountType, accountNumber: input.accountNumber, holderKana }
  return privilegedDb().payeeBankAccount.upsert({ where: { payeeType_payeeId: { payeeType, payeeId } }, create: { payeeType, payeeId, ...data }, update: data })
}
