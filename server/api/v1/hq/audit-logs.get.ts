// GET /api/v1/hq/audit-logs?tenantId=&limit= — the latest audit entries (HQ)
import { z } from 'zod'

const query = z.object({ tenantId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { tenantId, limit } = readQueryInput(event, query)
  return db.auditLog.findMany({ where: tenantId ? { tenantId } : {}, orderBy: { occurredAt: 'desc' }, take: limit })
})
