// GET /api/v1/hq/audit-logs?tenantId=&limit= — the latest audit entries (HQ)
import { auditLogQuery } from '../../../../shared/schemas/queries'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { tenantId, limit } = readQueryInput(event, auditLogQuery)
  return db.auditLog.findMany({ where: tenantId ? { tenantId } : {}, orderBy: { occurredAt: 'desc' }, take: limit })
})
