// Monthly payouts (HQ): per payee, the pending commissions of closed months whose referred hotel's
// guarantee period has ended (so a money-back refund cancels unpaid commissions instead of clawing
// back paid ones), net of the payee's outstanding clawbacks. At least the minimum (¥5,000) per payout,
// the rest carried; consumption tax (10%) on top; the payee's registration number and bank account
// are copied onto the payout as they were.
//
// Lifecycle: draft → approved → exported (in a stored Zengin file) → transferred; exported or
// transferred → returned (the bank sent it back: its commissions and clawbacks are payable again).
// Only a draft changes: a refund that reaches a payout past draft becomes a clawback on the payee's
// next payout (server/services/refunds.ts). A trigger on `payouts` holds the same rules in the
// database. Every state change writes its audit entry in the same transaction.
import { createHash } from 'node:crypto'
import iconv from 'iconv-lite'
import type { Prisma } from '../generated/prisma/client.ts'
import { privilegedDb } from '../db/index.ts'
import { Conflict, Invalid, NotFound, msg } from '../lib/errors.ts'
import { faultPoint } from '../lib/faults.ts'
import { fk } from '../../shared/i18n/field-messages.ts'
import { payout as payoutRule, type ReferrerTypeName } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'
import { transferDateProblem } from '../../shared/domain/bank-days.ts'
import { isZenginName, toZenginName, zenginRecords, type ZenginOriginator } from '../../shared/domain/zengin.ts'
import type { BankAccountInput } from '../../shared/schemas/payouts.ts'
import { businessRules } from './business-rules.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor } from './audit.ts'

type Tx = Prisma.TransactionClient

export { SYSTEM_ACTOR, type Actor } from './audit.ts'

/** Serialises work on one key (a month's batch, a month's file) across sessions and instances. */
async function lock(tx: Tx, key: string) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))::text AS locked`
}

function payeeOf(r: {
  referrerType: ReferrerTypeName
  referrerAgentId: string | null
  referrerTenantId: string | null
  referrerPmsVendorId: string | null
}) {
  return { type: r.referrerType, id: (r.referrerAgentId ?? r.referrerTenantId ?? r.referrerPmsVendorId)! }
}

async function payeeDetails(tx: Tx, type: ReferrerTypeName, id: string) {
  const bank = await tx.payeeBankAccount.findUnique({ where: { payeeType_payeeId: { payeeType: type, payeeId: id } } })
  const bankAccount = bank && {
    bankCode: bank.bankCode,
    bankName: bank.bankName,
    branchCode: bank.branchCode,
    branchName: bank.branchName,
    accountType: bank.accountType,
    accountNumber: bank.accountNumber,
    holderKana: bank.holderKana,
  }
  if (type === 'agent') {
    const a = await tx.agent.findUniqueOrThrow({ where: { id } })
    return { name: a.companyName, registrationNumber: a.qualifiedInvoiceNumber, bankAccount }
  }
  if (type === 'customer') {
    const t = await tx.tenant.findUniqueOrThrow({ where: { id } })
    return { name: t.name, registrationNumber: t.qualifiedInvoiceNumber, bankAccount }
  }
  const v = await tx.pmsVendor.findUniqueOrThrow({ where: { id } })
  return { name: v.name, registrationNumber: v.qualifiedInvoiceNumber, bankAccount }
}

const guaranteeEnded = (c: { tenant: { contractStartDate: Date; plan: { guaranteeDays: number } } }, today: Date) =>
  c.tenant.contractStartDate.getTime() + c.tenant.plan.guaranteeDays * 86_400_000 <= today.getTime()

export interface PayoutBatchResult {
  month: string
  created: number
  carried: { payeeType: ReferrerTypeName; payeeId: string; amount: number }[]
  held: number
  payouts: Awaited<ReturnType<Tx['payout']['create']>>[]
  /** Why nothing was created, when nothing was. */
  nothing: null | { code: 'payout_batch_empty'; ja: string; en: string }
}

/** Creates the draft payouts of `month` (a closed month, 'YYYY-MM') as of `today`; reruns add nothing. */
export async function createPayouts(
  tx: Tx,
  month: string,
  today: Date,
  actor: Actor = SYSTEM_ACTOR,
): Promise<PayoutBatchResult> {
  await lock(tx, 'payout-batch') // two batches at once would otherwise both take the same commissions
  const terms = await businessRules(tx, today) // the minimum and tax rate in force when the payouts are made
  const commissions = await tx.referralPayment.findMany({
    where: { status: 'pending', payoutId: null, paymentMonth: { lte: new Date(`${month}-01`) } },
    include: { referral: true, tenant: { include: { plan: true } } },
  })
  const payable = commissions.filter((c) => guaranteeEnded(c, today))
  const groups = new Map<string, typeof payable>()
  for (const c of payable) {
    const p = payeeOf(c.referral)
    const key = `${p.type}:${p.id}`
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  // A payee with clawbacks only is a group too: its balance is negative and carried.
  const outstanding = await tx.payoutAdjustment.findMany({ where: { appliedPayoutId: null } })
  for (const a of outstanding)
    if (!groups.has(`${a.payeeType}:${a.payeeId}`)) groups.set(`${a.payeeType}:${a.payeeId}`, [])
  const created: PayoutBatchResult['payouts'] = []
  const carried: PayoutBatchResult['carried'] = []
  for (const [key, rows] of groups) {
    const [type, id] = key.split(':') as [ReferrerTypeName, string]
    const clawbacks = outstanding.filter((a) => a.payeeType === type && a.payeeId === id)
    const sum = rows.reduce((s, r) => s + r.amount, 0) + clawbacks.reduce((s, a) => s + a.amount, 0)
    const decision = payoutRule(sum, terms)
    if (!decision.pay || !rows.length) {
      carried.push({ payeeType: type, payeeId: id, amount: sum })
      continue
    }
    if (await tx.payout.findUnique({ where: { payeeType_payeeId_month: { payeeType: type, payeeId: id, month } } })) {
      carried.push({ payeeType: type, payeeId: id, amount: sum })
      continue
    }
    const details = await payeeDetails(tx, type, id)
    const payout = await tx.payout.create({
      data: {
        payeeType: type,
        payeeId: id,
        payeeName: details.name,
        month,
        amount: decision.amount,
        tax: decision.tax,
        total: decision.total,
        registrationNumber: details.registrationNumber,
        bankAccount: details.bankAccount ?? undefined,
      },
    })
    // The counts must match: a commission or clawback taken by someone else meanwhile stops the batch.
    const taken = await tx.referralPayment.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, payoutId: null, status: 'pending' },
      data: { payoutId: payout.id },
    })
    const applied = clawbacks.length
      ? await tx.payoutAdjustment.updateMany({
          where: { id: { in: clawbacks.map((a) => a.id) }, appliedPayoutId: null },
          data: { appliedPayoutId: payout.id },
        })
      : { count: 0 }
    if (taken.count !== rows.length || applied.count !== clawbacks.length)
      throw Conflict(
        msg(
          'payout_batch_race',
          '支払対象が同時に変更されました。もう一度実行してください。',
          'Commissions changed while the batch ran; run it again.',
        ),
      )
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'payout',
      entityId: payout.id,
      after: {
        status: 'draft',
        month,
        payeeType: type,
        payeeId: id,
        amount: payout.amount,
        tax: payout.tax,
        total: payout.total,
        commissions: rows.map((r) => r.id),
        clawbacks: clawbacks.map((a) => a.id),
      },
    })
    created.push(payout)
  }
  const held = commissions.length - payable.length
  const nothing = created.length
    ? null
    : {
        code: 'payout_batch_empty' as const,
        ja:
          `${month} の支払は作成されませんでした（最低支払額未満で繰越: ${carried.length} 件、保証期間中で保留: ` +
          `${held} 件の手数料、または作成済み）。`,
        en:
          `No payouts were created for ${month} (carried below the minimum: ${carried.length} payee(s); ` +
          `commissions held in a guarantee period: ${held}; or already created).`,
      }
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'payout_batch',
    entityId: month,
    after: {
      created: created.length,
      carried: carried.length,
      held,
    },
  })
  return { month, created: created.length, carried, held, payouts: created, nothing }
}

const notFound = () => NotFound(msg('payout_not_found', 'この支払は存在しません。', 'This payout does not exist.'))
const wrongStatus = (status: string, want: string) =>
  Conflict(
    msg(
      'payout_wrong_status',
      `この支払は「${status}」です（${want} のときだけ可能です）。`,
      `This payout is ${status}; that needs a ${want} payout.`,
    ),
  )

/** Approves one draft payout (its amounts are fixed from now on). */
export async function approvePayout(tx: Tx, id: string, actor: Actor, now = new Date()) {
  const payout = await tx.payout.findUnique({ where: { id } })
  if (!payout) throw notFound()
  if (payout.status !== 'draft') throw wrongStatus(payout.status, 'draft')
  if (!payout.bankAccount)
    throw Invalid(
      msg(
        'payout_no_bank_account',
        `${payout.payeeName} は振込先口座が未登録のため承認できません。`,
        `${payout.payeeName} has no bank account yet, so the payout cannot be approved.`,
      ),
    )
  const { count } = await tx.payout.updateMany({
    where: { id, status: 'draft' },
    data: { status: 'approved', approvedAt: now },
  })
  if (count !== 1) throw wrongStatus('approved', 'draft')
  await recordAudit(tx, actor, {
    action: 'approve',
    entity: 'payout',
    entityId: id,
    before: { status: 'draft' },
    after: { status: 'approved', total: payout.total },
  })
  return tx.payout.findUniqueOrThrow({ where: { id } })
}

/** Approves every draft payout of `month` that has a bank account; the others are named. */
export async function approveMonth(tx: Tx, month: string, actor: Actor, now = new Date()) {
  const drafts = await tx.payout.findMany({ where: { month, status: 'draft' }, orderBy: { payeeName: 'asc' } })
  const ready = drafts.filter((p) => p.bankAccount)
  const approved: string[] = []
  for (const p of ready) {
    // Row by row with the status in the filter: a concurrent approval of the same payout counts once.
    const { count } = await tx.payout.updateMany({
      where: { id: p.id, status: 'draft' },
      data: { status: 'approved', approvedAt: now },
    })
    if (count !== 1) continue
    await recordAudit(tx, actor, {
      action: 'approve',
      entity: 'payout',
      entityId: p.id,
      before: { status: 'draft' },
      after: { status: 'approved', total: p.total },
    })
    approved.push(p.id)
    if (approved.length === 1) await faultPoint('payout:approve') // test:reliability: killed half-approved
  }
  const withoutBankAccount = drafts.filter((p) => !p.bankAccount).map((p) => p.payeeName)
  const nothing = approved.length
    ? null
    : msg(
        'payout_approve_empty',
        `${month} に承認できる下書きの支払はありません。`,
        `There are no draft payouts to approve for ${month}.`,
      )
  return { month, approved: approved.length, ids: approved, withoutBankAccount, nothing }
}

/** Marks an exported payout transferred: its commissions are paid. */
export async function markTransferred(tx: Tx, id: string, actor: Actor, paidAt = new Date()) {
  const payout = await tx.payout.findUnique({ where: { id } })
  if (!payout) throw notFound()
  if (payout.status !== 'exported') throw wrongStatus(payout.status, 'exported')
  await tx.referralPayment.updateMany({ where: { payoutId: id, status: 'pending' }, data: { status: 'paid', paidAt } })
  const updated = await tx.payout.update({ where: { id }, data: { status: 'transferred', paidAt } })
  await recordAudit(tx, actor, {
    action: 'transfer',
    entity: 'payout',
    entityId: id,
    before: { status: 'exported' },
    after: { status: 'transferred', paidAt },
  })
  return updated
}

/**
 * The bank returned the transfer (closed account, wrong name…): the payout stays as it was sent,
 * marked returned with the reason; its commissions and clawbacks are payable again on the next batch.
 */
export async function markReturned(tx: Tx, id: string, reason: string, actor: Actor, now = new Date()) {
  const payout = await tx.payout.findUnique({ where: { id } })
  if (!payout) throw notFound()
  if (payout.status !== 'exported' && payout.status !== 'transferred')
    throw wrongStatus(payout.status, 'exported or transferred')
  const commissions = await tx.referralPayment.findMany({
    where: { payoutId: id },
    select: { id: true, tenantId: true },
  })
  const clawbacks = await tx.payoutAdjustment.findMany({ where: { appliedPayoutId: id }, select: { id: true } })
  // Commissions a refund cancelled while in flight stay cancelled; the others are pending again.
  await tx.referralPayment.updateMany({
    where: { payoutId: id, status: { in: ['pending', 'paid'] } },
    data: { status: 'pending', paidAt: null, payoutId: null },
  })
  await tx.referralPayment.updateMany({ where: { payoutId: id }, data: { payoutId: null } })
  await tx.payoutAdjustment.updateMany({ where: { appliedPayoutId: id }, data: { appliedPayoutId: null } })
  const updated = await tx.payout.update({
    where: { id },
    data: { status: 'returned', returnedAt: now, returnReason: reason },
  })
  await recordAudit(tx, actor, {
    action: 'return',
    entity: 'payout',
    entityId: id,
    before: { status: payout.status },
    after: {
      status: 'returned',
      reason,
      amountPayableAgain: payout.amount,
      commissions: commissions.map((c) => c.id),
      clawbacks: clawbacks.map((a) => a.id),
    },
  })
  return updated
}

export interface StoredZenginFile {
  id: string
  month: string
  sequence: number
  transferDate: string
  content: Buffer
  sha256: string
  recordCount: number
  totalAmount: number
  created: boolean
}

const stored = (
  f: {
    id: string
    month: string
    sequence: number
    transferDate: Date
    content: Uint8Array
    sha256: string
    recordCount: number
    totalAmount: bigint
  },
  created: boolean,
): StoredZenginFile => ({
  id: f.id,
  month: f.month,
  sequence: f.sequence,
  transferDate: f.transferDate.toISOString().slice(0, 10),
  content: Buffer.from(f.content),
  sha256: f.sha256,
  recordCount: f.recordCount,
  totalAmount: Number(f.totalAmount),
  created,
})

/**
 * The Zengin file of `month`'s approved payouts: written and stored at the first download (the
 * payouts become exported), the same bytes on every later one. Approvals after a file was written
 * go into the month's next file.
 */
export async function exportZenginFile(
  tx: Tx,
  month: string,
  transferDate: string,
  actor: Actor,
  now = new Date(),
  originator = originatorFromEnv(),
): Promise<StoredZenginFile> {
  await lock(tx, `zengin:${month}`)
  const approved = await tx.payout.findMany({
    where: { month, status: 'approved', zenginFileId: null },
    orderBy: { customerCode: 'asc' },
  })
  const last = await tx.zenginFile.findFirst({ where: { month }, orderBy: { sequence: 'desc' } })
  if (!approved.length) {
    if (last) return stored(last, false)
    throw Invalid(
      msg(
        'zengin_nothing_approved',
        `${month} に承認済みの支払がありません。先に承認してください。`,
        `There are no approved payouts for ${month}: approve them first.`,
      ),
    )
  }
  const problem = transferDateProblem(transferDate, now)
  if (problem) {
    const why = {
      closed: ['銀行休業日です', 'is not a bank business day'],
      past: ['過去の日付です', 'is in the past'],
      too_soon: ['近すぎます', 'is too soon'],
    }[problem.code]
    throw Invalid(
      msg(
        `transfer_date_${problem.code}`,
        `振込指定日 ${transferDate} は${why[0]}。${problem.earliest} 以降の銀行営業日を指定してください。`,
        `Transfer date ${transferDate} ${why[1]}: choose a bank business day from ${problem.earliest}.`,
      ),
      { fields: { date: problem.earliest } },
    )
  }
  const { records } = zenginForPayouts(approved, transferDate, originator)
  const content = new Uint8Array(iconv.encode(records.join('\r\n') + '\r\n', 'Shift_JIS'))
  const totalAmount = approved.reduce((s, p) => s + p.total, 0)
  const file = await tx.zenginFile.create({
    data: {
      month,
      sequence: (last?.sequence ?? 0) + 1,
      transferDate: new Date(`${transferDate}T00:00:00Z`),
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      recordCount: approved.length,
      totalAmount: BigInt(totalAmount),
      createdByUserId: actor.type === 'user' ? actor.id : null,
    },
  })
  await faultPoint('zengin:export') // test:reliability: killed with the file written and the payouts not
  const { count } = await tx.payout.updateMany({
    where: { id: { in: approved.map((p) => p.id) }, status: 'approved', zenginFileId: null },
    data: { status: 'exported', zenginFileId: file.id, exportedAt: now },
  })
  if (count !== approved.length)
    throw Conflict(
      msg(
        'zengin_race',
        '支払が同時に変更されました。もう一度ダウンロードしてください。',
        'Payouts changed while the file was written; download it again.',
      ),
    )
  for (const p of approved)
    await recordAudit(tx, actor, {
      action: 'export',
      entity: 'payout',
      entityId: p.id,
      before: { status: 'approved' },
      after: { status: 'exported', zenginFileId: file.id },
    })
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'zengin_file',
    entityId: file.id,
    after: {
      month,
      sequence: file.sequence,
      transferDate,
      recordCount: file.recordCount,
      totalAmount,
      sha256: file.sha256,
    },
  })
  return stored(file, true)
}

export async function zenginFileById(tx: Tx, id: string): Promise<StoredZenginFile> {
  const file = await tx.zenginFile.findUnique({ where: { id } })
  if (!file)
    throw NotFound(msg('zengin_file_not_found', 'この全銀ファイルは存在しません。', 'This Zengin file does not exist.'))
  return stored(file, false)
}

/** The payment statement (支払通知書) of one payout: its commission lines, clawbacks and the issuer. */
export async function payoutStatement(tx: Tx, where: { id: string; payeeType?: ReferrerTypeName; payeeId?: string }) {
  const payout = await tx.payout.findFirst({ where })
  if (!payout)
    throw NotFound(msg('statement_not_found', 'この支払通知書は存在しません。', 'This statement does not exist.'))
  const lines = await tx.referralPayment.findMany({
    where: { payoutId: payout.id },
    orderBy: { paymentMonth: 'asc' },
    include: { tenant: { select: { name: true } } },
  })
  const clawbacks = await tx.payoutAdjustment.findMany({ where: { appliedPayoutId: payout.id } })
  return {
    ...payout,
    lines: lines.map((l) => ({
      month: l.paymentMonth.toISOString().slice(0, 7),
      hotel: l.tenant.name,
      contractMonth: l.contractMonth,
      feeAttributable: l.feeAttributable,
      rateBps: l.rateBps,
      amount: l.amount,
    })),
    clawbacks: clawbacks.map((c) => ({ reason: c.reason, amount: c.amount })),
    issuer: { name: 'OmotenasuAI株式会社', address: '東京都千代田区丸の内1-1-1' },
  }
}

export interface PayeeBalance {
  payeeType: ReferrerTypeName
  payeeId: string
  payeeName: string
  registrationNumber: string | null
  /** Pending commissions of closed months past their guarantee period, in no payout yet. */
  payable: number
  /** Pending commissions still in a guarantee period or of the open month. */
  held: number
  /** Clawbacks not yet taken from a payout (negative). */
  clawbacks: number
  /** payable + clawbacks: what the next payout would be before the minimum; negative is owed to us. */
  balance: number
  /** Approved or exported payouts not yet transferred. */
  inFlight: number
  hasBankAccount: boolean
}

/** Every payee with something outstanding, including those whose clawbacks exceed their earnings. */
export async function payeeBalances(tx: Tx, today: Date): Promise<PayeeBalance[]> {
  const openMonth = new Date(`${periodKey(today, 'month')}-01`)
  const commissions = await tx.referralPayment.findMany({
    where: { status: 'pending', payoutId: null },
    include: { referral: true, tenant: { include: { plan: true } } },
  })
  const adjustments = await tx.payoutAdjustment.findMany({ where: { appliedPayoutId: null } })
  const inFlight = await tx.payout.findMany({ where: { status: { in: ['approved', 'exported'] } } })
  const rows = new Map<string, Omit<PayeeBalance, 'payeeName' | 'registrationNumber' | 'hasBankAccount' | 'balance'>>()
  const row = (payeeType: ReferrerTypeName, payeeId: string) => {
    const key = `${payeeType}:${payeeId}`
    if (!rows.has(key)) rows.set(key, { payeeType, payeeId, payable: 0, held: 0, clawbacks: 0, inFlight: 0 })
    return rows.get(key)!
  }
  for (const c of commissions) {
    const p = payeeOf(c.referral)
    const r = row(p.type, p.id)
    if (guaranteeEnded(c, today) && c.paymentMonth < openMonth) r.payable += c.amount
    else r.held += c.amount
  }
  for (const a of adjustments) row(a.payeeType, a.payeeId).clawbacks += a.amount
  for (const p of inFlight) row(p.payeeType, p.payeeId).inFlight += p.total
  const out: PayeeBalance[] = []
  for (const r of rows.values()) {
    const d = await payeeDetails(tx, r.payeeType, r.payeeId)
    out.push({
      ...r,
      payeeName: d.name,
      registrationNumber: d.registrationNumber,
      hasBankAccount: Boolean(d.bankAccount),
      balance: r.payable + r.clawbacks,
    })
  }
  return out.sort((a, b) => a.balance - b.balance || a.payeeName.localeCompare(b.payeeName))
}

export function payoutsCsv(
  payouts: {
    payeeType: string
    payeeName: string
    month: string
    amount: number
    tax: number
    total: number
    registrationNumber: string | null
    status: string
    bankAccount: unknown
  }[],
): string {
  const cell = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`
  const header = [
    'payee_type',
    'payee',
    'month',
    'commission',
    'consumption_tax',
    'total',
    'registration_number',
    'bank',
    'branch',
    'account_type',
    'account_number',
    'holder',
    'status',
  ]
  const lines = payouts.map((p) => {
    const b = (p.bankAccount ?? {}) as Record<string, string>
    return [
      p.payeeType,
      p.payeeName,
      p.month,
      p.amount,
      p.tax,
      p.total,
      p.registrationNumber,
      b.bankCode,
      b.branchCode,
      b.accountType,
      b.accountNumber,
      b.holderKana,
      p.status,
    ]
      .map(cell)
      .join(',')
  })
  return [header.join(','), ...lines].join('\r\n') + '\r\n'
}

/** The company's own account that pays (from the environment; demo values otherwise). */
export function originatorFromEnv(env: Record<string, string | undefined> = process.env): ZenginOriginator {
  return {
    companyCode: env.ZENGIN_COMPANY_CODE || '0000000001',
    companyNameKana: env.ZENGIN_COMPANY_NAME_KANA || 'ｵﾓﾃﾅｼｴ-ｱｲ(ｶ',
    bankCode: env.ZENGIN_BANK_CODE || '0001',
    bankNameKana: env.ZENGIN_BANK_NAME_KANA || 'ﾐｽﾞﾎ',
    branchCode: env.ZENGIN_BRANCH_CODE || '001',
    branchNameKana: env.ZENGIN_BRANCH_NAME_KANA || 'ﾄｳｷﾖｳ',
    accountType: env.ZENGIN_ACCOUNT_TYPE === 'current' ? 'current' : 'ordinary',
    accountNumber: env.ZENGIN_ACCOUNT_NUMBER || '0000001',
  }
}

/** Zengin records for payouts that have a bank account; the rest are listed. */
export function zenginForPayouts(
  payouts: { id: string; customerCode: number; payeeName: string; total: number; bankAccount: unknown }[],
  transferDate: string,
  originator = originatorFromEnv(),
) {
  const withBank = payouts.filter((p) => p.bankAccount)
  const records = zenginRecords(
    originator,
    transferDate,
    withBank.map((p) => {
      const b = p.bankAccount as Record<string, string>
      return {
        bankCode: b.bankCode!,
        bankNameKana: b.bankName!,
        branchCode: b.branchCode!,
        branchNameKana: b.branchName!,
        accountType: b.accountType as 'ordinary' | 'current',
        accountNumber: b.accountNumber!,
        holderKana: b.holderKana!,
        amount: p.total,
        customerCode: p.customerCode,
      }
    }),
  )
  return { records, missingBankAccount: payouts.filter((p) => !p.bankAccount).map((p) => p.payeeName) }
}

type ZenginBank = { code: string; kana: string; branches: Record<string, { code: string; kana: string }> }
let banks: Record<string, ZenginBank> | null = null

/** Validates a bank account against the zengin-code list and stores it with the bank's kana names. */
export async function saveBankAccount(
  payeeType: ReferrerTypeName,
  payeeId: string,
  input: Required<Omit<BankAccountInput, 'accountNumber'>> & { accountNumber: string },
  actor: Actor = SYSTEM_ACTOR,
) {
  banks ??= ((await import('zengin-code')) as unknown as { default: Record<string, ZenginBank> }).default
  const bank = banks[input.bankCode]
  if (!bank)
    throw Invalid(
      msg(
        'bank_code_unknown',
        `金融機関コード「${input.bankCode}」の金融機関はありません。`,
        `There is no bank with code ${input.bankCode}.`,
      ),
      { fields: { bankCode: fk('unknownBankCode') } },
    )
  const branch = bank.branches[input.branchCode]
  if (!branch)
    throw Invalid(
      msg(
        'branch_code_unknown',
        `「${bank.kana}」に支店コード「${input.branchCode}」の支店はありません。`,
        `${bank.kana} has no branch ${input.branchCode}.`,
      ),
      { fields: { branchCode: fk('unknownBranchCode') } },
    )
  const holderKana = toZenginName(input.holderKana)
  if (!isZenginName(holderKana))
    throw Invalid(
      msg(
        'holder_kana_invalid',
        '口座名義は通帳の表記どおりにカタカナで入力してください。',
        'Write the account holder in katakana, as on the passbook.',
      ),
      { fields: { holderKana: fk('holderKanaChars') } },
    )
  const data = {
    bankCode: input.bankCode,
    bankName: toZenginName(bank.kana),
    branchCode: input.branchCode,
    branchName: toZenginName(branch.kana),
    accountType: input.accountType,
    accountNumber: input.accountNumber,
    holderKana,
  }
  return privilegedDb().$transaction(async (tx) => {
    const saved = await tx.payeeBankAccount.upsert({
      where: { payeeType_payeeId: { payeeType, payeeId } },
      create: { payeeType, payeeId, ...data },
      update: data,
    })
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'payee_bank_account',
      entityId: payeeId,
      // The account number is masked in the audit log.
      after: {
        bankCode: saved.bankCode,
        branchCode: saved.branchCode,
        accountNumber: `****${saved.accountNumber.slice(-3)}`,
      },
    })
    return saved
  })
}

/** Where a payee's payouts go (null until it saves an account). */
export async function bankAccountOf(payeeType: ReferrerTypeName, payeeId: string) {
  return privilegedDb().payeeBankAccount.findUnique({ where: { payeeType_payeeId: { payeeType, payeeId } } })
}

/** A payee's payout statements (支払通知書), newest month first. */
export async function payoutsOf(payeeType: ReferrerTypeName, payeeId: string) {
  return privilegedDb().payout.findMany({ where: { payeeType, payeeId }, orderBy: { month: 'desc' } })
}

// ---------------------------------------------------------------- HQ's desk

/** Runs a payout step in its own privileged transaction (the steps above take the caller's). */
const inOwnTransaction =
  <A extends unknown[], R>(step: (tx: Tx, ...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    privilegedDb().$transaction((tx) => step(tx, ...args))

/** The payout steps as HQ's routes run them, each in its own transaction with its audit entries. */
export const payoutDesk = {
  createPayouts: inOwnTransaction(createPayouts),
  approvePayout: inOwnTransaction(approvePayout),
  approveMonth: inOwnTransaction(approveMonth),
  markTransferred: inOwnTransaction(markTransferred),
  markReturned: inOwnTransaction(markReturned),
  exportZenginFile: inOwnTransaction(exportZenginFile),
  payeeBalances: inOwnTransaction(payeeBalances),
  zenginFileById: (id: string) => zenginFileById(privilegedDb(), id),
  payoutStatement: (where: Parameters<typeof payoutStatement>[1]) => payoutStatement(privilegedDb(), where),
}

/** HQ's batch for a closed month (Tokyo): the draft payouts, and why there are none when none. */
export async function createPayoutBatch(month: string, actor: Actor, now = new Date()) {
  const open = periodKey(now, 'month')
  if (month >= open)
    throw Invalid(
      msg(
        'payout_month_open',
        `${month} はまだ締まっていません。${open} より前の月を選んでください。`,
        `${month} is not closed yet: pay out months before ${open}.`,
      ),
      { fields: { month: fk('closedMonth') } },
    )
  const result = await payoutDesk.createPayouts(month, now, actor)
  return { month, created: result.created, carried: result.carried, held: result.held, nothing: result.nothing }
}

/** Payouts of a month (or all), newest month first, by payee name (HQ). */
export async function listPayouts(month?: string) {
  return privilegedDb().payout.findMany({
    where: month ? { month } : {},
    orderBy: [{ month: 'desc' }, { payeeName: 'asc' }],
    take: 500,
  })
}

/** The month's payouts as CSV for Excel (UTF-8 with BOM). */
export async function payoutsCsvOfMonth(month: string) {
  const payouts = await privilegedDb().payout.findMany({ where: { month }, orderBy: { payeeName: 'asc' } })
  return '\uFEFF' + payoutsCsv(payouts)
}

/** The stored Zengin files, newest first, without their bytes. */
export async function listZenginFiles(month?: string) {
  const files = await privilegedDb().zenginFile.findMany({
    where: month ? { month } : {},
    orderBy: [{ month: 'desc' }, { sequence: 'desc' }],
    take: 100,
    omit: { content: true },
    include: { _count: { select: { payouts: true } } },
  })
  return files.map(({ _count, totalAmount, ...f }) => ({
    ...f,
    totalAmount: Number(totalAmount),
    payouts: _count.payouts,
  }))
}
