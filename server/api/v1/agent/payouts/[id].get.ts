// GET /api/v1/agent/payouts/:id — one payment statement (支払通知書) with its commission lines
import { privilegedDb } from '../../../../db/index'
import { NotFound } from '../../../../lib/errors'

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const payout = await privilegedDb().payout.findFirst({ where: { id: routeParam(event, 'id'), payeeType: 'agent', payeeId: agent.id } })
  if (!payout) throw NotFound('This statement does not exist.')
  const lines = await privilegedDb().referralPayment.findMany({ where: { payoutId: payout.id }, orderBy: { paymentMonth: 'asc' }, include: { tenant: { select: { name: true } } } })
  const clawbacks = await privilegedDb().payoutAdjustment.findMany({ where: { appliedPayoutId: payout.id } })
  return {
    ...payout,
    lines: lines.map((l) => ({ month: l.paymentMonth.toISOString().slice(0, 7), hotel: l.tenant.name, contractMonth: l.contractMonth, feeAttributable: l.feeAttributable, rateBps: l.rateBps, amount: l.amount })),
    clawbacks: clawbacks.map((c) => ({ reason: c.reason, amount: c.amount })),
    issuer: { name: 'OmotenasuAI株式会社', address: '東京都千代田区丸の内1-1-1' },
  }
})
