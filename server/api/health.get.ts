// GET /api/health — database reachability and whether every migration in the build is applied
import { databaseHealth } from '../services/health'

export default defineEventHandler(async (event) => {
  const health = await databaseHealth()
  setResponseStatus(event, health.status === 'ok' ? 200 : 503)
  return health
})
