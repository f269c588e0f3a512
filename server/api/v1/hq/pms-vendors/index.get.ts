// GET /api/v1/hq/pms-vendors — PMS vendors with their API keys (never the keys themselves) and their
// hotels' connections: how many, and how many are failing
export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const vendors = await db.pmsVendor.findMany({
    orderBy: { code: 'asc' },
    include: {
      apiKeys: {
        select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
        orderBy: { createdAt: 'desc' },
      },
    },
  })
  const health = await db.pmsIntegration.groupBy({
    by: ['pmsVendorId', 'status'],
    where: { feature: 'room_status', status: { not: 'disconnected' } },
    _count: { _all: true },
  })
  return vendors.map((v) => ({
    ...v,
    connectedHotels: health.filter((h) => h.pmsVendorId === v.id).reduce((n, h) => n + h._count._all, 0),
    failingHotels: health
      .filter((h) => h.pmsVendorId === v.id && h.status === 'error')
      .reduce((n, h) => n + h._count._all, 0),
  }))
})
