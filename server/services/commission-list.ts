// An agent's commission ledger, paged and filtered, or as CSV for its accountant; only its own
// referrals' lines (the where always names the agent), read through privilegedDb like the rest of
// the agent portal (referral_payments of many hotels).
import { privilegedDb } from '../db/index.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { Lang } from '../lib/errors.ts'
import { csvLabel, toCsv, type CsvColumn } from '../lib/csv.ts'
import { sortOf } from '../../shared/domain/lists.ts'
import type { AgentCommissionListQuery } from '../../shared/schemas/lists.ts'
import { pageOrAll } from './lists.ts'

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`)

export async function listAgentCommissions(agentId: string, query: AgentCommissionListQuery) {
  const db = privilegedDb()
  const where: Prisma.ReferralPaymentWhereInput = {
    referral: {
      referrerAgentId: agentId,
      ...(query.q
        ? {
            OR: [
              { code: { contains: query.q, mode: 'insensitive' } },
              { referredTenant: { name: { contains: query.q, mode: 'insensitive' } } },
            ],
          }
        : {}),
    },
    ...(query.status ? { status: query.status } : {}),
    ...(query.from || query.to
      ? {
          paymentMonth: {
            ...(query.from ? { gte: monthStart(query.from) } : {}),
            ...(query.to ? { lte: monthStart(query.to) } : {}),
          },
        }
      : {}),
  }
  const { field, dir } = sortOf(query.sort)
  const order = field === 'month' ? 'paymentMonth' : 'amount'
  const [page, sums] = await Promise.all([
    pageOrAll(
      query,
      () => db.referralPayment.count({ where }),
      (skip, take) =>
        db.referralPayment.findMany({
          where,
          orderBy: [{ [order]: dir }, { id: dir }],
          skip,
          take,
          include: { referral: { select: { code: true, referredTenant: { select: { name: true } } } } },
        }),
    ),
    // The total of the filtered lines that still count (cancelled ones were clawed back).
    db.referralPayment.aggregate({
      where: { AND: [where, { status: { not: 'cancelled' } }] },
      _sum: { amount: true },
    }),
  ])
  return {
    ...page,
    totalAmount: sums._sum.amount ?? 0,
    items: page.items.map((p) => ({
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
      paidAt: p.paidAt,
    })),
  }
}

type Line = Awaited<ReturnType<typeof listAgentCommissions>>['items'][number]
// Rates in percent, never basis points, as on the screen.
const percent = (bps: number) => `${bps / 100}%`
const STATUS = {
  pending: { ja: '未払い', en: 'Pending' },
  paid: { ja: '支払済み', en: 'Paid' },
  cancelled: { ja: '取消', en: 'Cancelled' },
}
const COLUMNS: CsvColumn<Line>[] = [
  { ja: '対象月', en: 'Month', value: (l) => l.month },
  { ja: 'ホテル', en: 'Hotel', value: (l) => l.hotel },
  { ja: '紹介コード', en: 'Referral code', value: (l) => l.code },
  { ja: '契約月数', en: 'Contract month', value: (l) => l.contractMonth },
  { ja: '対象売上(円)', en: 'Attributable fee (JPY)', value: (l) => l.feeAttributable },
  { ja: '料率', en: 'Rate', value: (l) => percent(l.rateBps) },
  { ja: '報酬額(円)', en: 'Commission (JPY)', value: (l) => l.amount },
  { ja: '状態', en: 'Status', value: (l, lang) => csvLabel(STATUS, l.status, lang) },
]

export async function agentCommissionsCsv(agentId: string, query: AgentCommissionListQuery, lang: Lang) {
  return toCsv(COLUMNS, (await listAgentCommissions(agentId, { ...query, format: 'csv' })).items, lang)
}
