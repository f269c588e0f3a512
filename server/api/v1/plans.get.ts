// GET /api/v1/plans — the active plan catalogue (public: signup and pricing)
import { privilegedDb } from '../../db/index'

export default defineEventHandler(async () => {
  const plans = await privilegedDb().subscriptionPlan.findMany({
    where: { active: true },
    orderBy: { monthlyPrice: 'asc' },
  })
  return plans.map((p) => ({
    planCode: p.planCode,
    name: p.name,
    monthlyPrice: p.monthlyPrice,
    currency: p.currency,
    maxRooms: p.maxRooms,
    features: p.features,
    guaranteeDays: p.guaranteeDays,
    guaranteedRoiBps: p.guaranteedRoiBps,
  }))
})
