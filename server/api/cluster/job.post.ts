// POST /api/cluster/job { period } — the cron path of a scheduled job (runJobOnce with a period key,
// as every cron tick calls it), for the cluster test to fire on two instances at once and see it
// run once. A probe job that only waits: it changes no data. Exists only when CLUSTER_TEST=1; HQ only.
import { readBody } from 'h3'
import { NotFound } from '../../lib/errors'
import { runClusterProbe } from '../../services/jobs'

export default defineEventHandler(async (event) => {
  if (process.env.CLUSTER_TEST !== '1') throw NotFound()
  const { db } = await requireHq(event)
  const body = (await readBody<{ period?: unknown }>(event)) ?? {}
  const period = typeof body.period === 'string' ? body.period.slice(0, 64) : 'none'
  const instance = process.env.INSTANCE_ID ?? null
  return { instance, outcome: await runClusterProbe(db, period, instance) }
})
