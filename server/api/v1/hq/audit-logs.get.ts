// GET /api/v1/hq/audit-logs?page=&pageSize=&q=&actor=&tenant=&action=&from=&to=&format= — the audit log, readable (HQ)
import { auditListQuery } from '../../../../shared/schemas/lists'
import { auditLogCsv, listAuditLog } from '../../../services/audit-log'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, auditListQuery)
  if (query.format === 'csv') return sendCsv(event, 'audit-log', await auditLogCsv(db, query, requestLang(event)))
  return listAuditLog(db, query)
})
