// PUT /api/v1/hq/kpis/targets — set a dashboard target (percent for shares and uptime) (HQ; audited)
import { kpiTargetInput } from '../../../../../shared/schemas/kpis'
import { setKpiTarget } from '../../../../services/kpis'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: 'set a dashboard target (audited)',
  body: kpiTargetInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, kpiTargetInput)
  return setKpiTarget(input, auditActor(event))
})
