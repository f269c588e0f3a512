// GET /api/v1/hq/job-runs — the latest scheduled job runs
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.jobRun.findMany({ orderBy: { startedAt: 'desc' }, take: 100 })
})
