// The agent portal's dashboard: this month's sales, contracts, commission, and rank progress.
import { privilegedDb } from '../db/index.ts'
import { addMonthsToMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

export async function agentDashboard(agentId: string, now = new Date()) {
  const month = periodKey(now, 'month')
  const monthStart = new Date(`${month}-01`)
  const yearStart = new Date(`${addMonthsToMonth(month, -11)}-01`)
  const db = privilegedDb()
  const agent = await db.agent.findUniqueOrThrow({ where: { id: agentId } })
  const ranks = await db.agentRankSetting.findMany({ orderBy: { annualSalesRequirement: 'asc' } })
  const mine = { referral: { referrerAgentId: agentId }, status: { not: 'cancelled' as const } }
  const [thisMonth, lastTwelve, contracts] = await Promise.all([
    db.referralPayment.aggregate({
      where: { ...mine, paymentMonth: monthStart },
      _sum: { feeAttributable: true, amount: true },
    }),
    db.referralPayment.aggregate({
      where: { ...mine, paymentMonth: { gte: yearStart, lte: monthStart } },
      _sum: { feeAttributable: true },
    }),
    db.referral.count({ where: { referrerAgentId: agentId, status: 'converted' } }),
  ])
  const annualSales = lastTwelve._sum.feeAttributable ?? 0
  const index = ranks.findIndex((r) => r.rank === agent.rank)
  const next = ranks[index + 1] ?? null
  return {
    month,
    salesThisMonth: thisMonth._sum.feeAttributable ?? 0,
    commissionThisMonth: thisMonth._sum.amount ?? 0,
    contracts,
    rank: agent.rank,
    annualSales,
    nextRank: next && {
      rank: next.rank,
      requirement: next.annualSalesRequirement,
      remaining: Math.max(0, next.annualSalesRequirement - annualSales),
      progressBps: Math.min(10_000, Math.floor((annualSales * 10_000) / Math.max(1, next.annualSalesRequirement))),
    },
  }
}

/**
 * The agent's contracts (agent_sales: one per referred hotel that paid), each with the commissions
 * it has yielded so far: pending, paid and cancelled (clawed back), and the months recorded.
 */
export async function agentContracts(agentId: string) {
  const db = privilegedDb()
  const sales = await db.agentSale.findMany({
    where: { agentId },
    include: { tenant: { select: { name: true, slug: true, status: true } } },
    orderBy: { contractStartDate: 'desc' },
  })
  const sums = await db.referralPayment.groupBy({
    by: ['referralId', 'status'],
    where: { referralId: { in: sales.map((s) => s.referralId) } },
    _sum: { amount: true },
    _count: { _all: true },
  })
  return sales.map((sale) => {
    const mine = sums.filter((g) => g.referralId === sale.referralId)
    const sum = (status: string) =>
      mine.filter((g) => g.status === status).reduce((n, g) => n + (g._sum.amount ?? 0), 0)
    return {
      id: sale.id,
      hotel: sale.tenant.name,
      hotelStatus: sale.tenant.status,
      planCode: sale.planCode,
      contractStartDate: sale.contractStartDate,
      monthlyFee: sale.monthlyFee,
      commissions: {
        pending: sum('pending'),
        paid: sum('paid'),
        cancelled: sum('cancelled'),
        months: mine.filter((g) => g.status !== 'cancelled').reduce((n, g) => n + g._count._all, 0),
      },
    }
  })
}
