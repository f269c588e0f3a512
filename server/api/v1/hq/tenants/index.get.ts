// GET /api/v1/hq/tenants?page=&pageSize=&q=&status=&plan=&sort=&format= — hotels, paged or CSV (HQ)
import { hqTenantListQuery } from '../../../../../shared/schemas/lists'
import { listTenants, tenantsCsv } from '../../../../services/lists'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'hotels with plan, room and member counts, searchable, filtered by status and plan (HQ, across tenants)',
  query: hqTenantListQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, hqTenantListQuery)
  if (query.format === 'csv') return sendCsv(event, 'hotels', await tenantsCsv(db, query, requestLang(event)))
  return listTenants(db, query)
})
