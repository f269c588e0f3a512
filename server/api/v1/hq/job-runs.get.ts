// GET /api/v1/hq/job-runs?page=&pageSize=&q=&job=&status=&sort=&format= — scheduled job runs, newest first (HQ)
import { jobRunListQuery } from '../../../../shared/schemas/lists'
import { jobRunsCsv, listJobRuns } from '../../../services/lists'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'scheduled job runs, newest first, filtered by job and status (HQ)',
  query: jobRunListQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, jobRunListQuery)
  if (query.format === 'csv') return sendCsv(event, 'job-runs', await jobRunsCsv(db, query, requestLang(event)))
  return listJobRuns(db, query)
})
