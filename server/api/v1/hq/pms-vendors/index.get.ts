// GET /api/v1/hq/pms-vendors — PMS vendors with their API keys (never the keys themselves)
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  return db.pmsVendor.findMany({
    orderBy: { code: 'asc' },
    include: { apiKeys: { select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true }, orderBy: { createdAt: 'desc' } } },
  })
})
