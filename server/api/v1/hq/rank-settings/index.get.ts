// GET /api/v1/hq/rank-settings — margins, requirements and benefits of every rank (HQ)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.agentRankSetting.findMany({ orderBy: { sortOrder: 'asc' } })
})
