// The numbers behind the dashboard charts: an agent's commissions by month and referrals by status;
// a hotel's rooms by status and its invoices over time (owners and managers only: billing is theirs).
import { privilegedDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { addMonthsToMonth } from '../../shared/domain/referrals.ts'
import { periodKey } from '../../shared/domain/schedule.ts'

const REFERRAL_STATUSES = ['pending', 'converted', 'cancelled'] as const
const ROOM_STATUSES = ['clean', 'dirty', 'inspected', 'occupied', 'out_of_order', 'out_of_service'] as const

/** The last `n` months (Asia/Tokyo) ending with this one, oldest first: ['2025-12', …, '2026-11']. */
export function lastMonths(now: Date, n: number): string[] {
  const current = periodKey(now, 'month')
  return Array.from({ length: n }, (_, i) => addMonthsToMonth(current, i - n + 1))
}

export async function agentCharts(agentId: string, now = new Date()) {
  const db = privilegedDb()
  const months = lastMonths(now, 12)
  const [lines, referrals] = await Promise.all([
    db.referralPayment.groupBy({
      by: ['paymentMonth', 'status'],
      where: {
        referral: { referrerAgentId: agentId },
        status: { not: 'cancelled' },
        paymentMonth: { gte: new Date(`${months[0]}-01T00:00:00Z`) },
      },
      _sum: { amount: true },
    }),
    db.referral.groupBy({ by: ['status'], where: { referrerAgentId: agentId }, _count: { _all: true } }),
  ])
  const sum = (month: string, status: 'pending' | 'paid') =>
    lines
      .filter((l) => l.paymentMonth.toISOString().startsWith(month) && l.status === status)
      .reduce((s, l) => s + (l._sum.amount ?? 0), 0)
  return {
    commissionsByMonth: months.map((month) => ({ month, pending: sum(month, 'pending'), paid: sum(month, 'paid') })),
    referralsByStatus: REFERRAL_STATUSES.map((status) => ({
      status,
      count: referrals.find((r) => r.status === status)?._count._all ?? 0,
    })),
  }
}

export async function hotelCharts(db: TenantDb, role: string, now = new Date()) {
  const months = lastMonths(now, 12)
  const byStatus = await db.room.groupBy({ by: ['status'], _count: { _all: true } })
  const invoices =
    role === 'staff'
      ? null
      : await db.invoice.findMany({
          where: { periodStart: { gte: new Date(`${months[0]}-01T00:00:00Z`) } },
          select: { periodStart: true, total: true, status: true },
        })
  return {
    roomsByStatus: ROOM_STATUSES.map((status) => ({
      status,
      count: byStatus.find((g) => g.status === status)?._count._all ?? 0,
    })),
    // Per month of the period an invoice covers: what was billed and what of it is paid.
    invoicesByMonth:
      invoices &&
      months.map((month) => {
        const of = invoices.filter((i) => i.periodStart.toISOString().startsWith(month) && i.status !== 'void')
        return {
          month,
          billed: of.reduce((s, i) => s + i.total, 0),
          paid: of.filter((i) => i.status === 'paid').reduce((s, i) => s + i.total, 0),
        }
      }),
  }
}
