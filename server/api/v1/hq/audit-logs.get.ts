// GET /api/v1/hq/audit-logs?page=&pageSize=&q=&actor=&tenant=&action=&from=&to=&format= — the audit log, readable (HQ)
import { auditListQuery } from '../../../../shared/schemas/lists'
import { auditLogCsv, listAuditLog } from '../../../services/audit-log'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'the audit log: actor name and role, action code, target and hotel by name, changed fields; ' +
    'filtered by actor, hotel, action and Tokyo dates (HQ)',
  query: auditListQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, auditListQuery)
  if (query.format === 'csv') return sendCsv(event, 'audit-log', await auditLogCsv(db, query, requestLang(event)))
  return listAuditLog(db, query)
})
