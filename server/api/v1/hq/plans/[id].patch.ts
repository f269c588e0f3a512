// PATCH /api/v1/hq/plans/:id — edit a plan (HQ; audited). A new price applies to invoices issued
// from now on; issued invoices keep their amounts.
import { planUpdateInput } from '../../../../../shared/schemas/hq'
import { updatePlan } from '../../../../services/plans'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'edit a plan (HQ; audited). A new price applies to invoices issued from now on; issued invoices keep their ' +
    'amounts.',
  body: planUpdateInput,
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  const input = await readInput(event, planUpdateInput)
  return updatePlan(routeParam(event, 'id'), input, auditActor(event))
})
