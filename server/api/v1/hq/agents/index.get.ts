// GET /api/v1/hq/agents — agents with rank, territory, users and latest rank changes (HQ)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const agents = await db.agent.findMany({
    orderBy: { createdAt: 'asc' },
    include: {
      _count: { select: { users: true, referrals: true } },
      rankChanges: { orderBy: { createdAt: 'desc' }, take: 3 },
    },
  })
  return agents.map(({ _count, ...a }) => ({ ...a, users: _count.users, referrals: _count.referrals }))
})
