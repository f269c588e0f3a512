// GET /api/v1/hq/tenants?page=&pageSize=&q=&status=&plan=&sort=&format= — hotels, paged or CSV (HQ)
import { hqTenantListQuery } from '../../../../../shared/schemas/lists'
import { listTenants, tenantsCsv } from '../../../../services/lists'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, hqTenantListQuery)
  if (query.format === 'csv') return sendCsv(event, 'hotels', await tenantsCsv(db, query, requestLang(event)))
  return listTenants(db, query)
})
