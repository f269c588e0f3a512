// PATCH /api/v1/hq/plans/:id — edit a plan (HQ; audited). A new price applies to invoices issued
// from now on; issued invoices keep their amounts.
import { planUpdateInput } from '../../../../../shared/schemas/hq'
import { NotFound } from '../../../../lib/errors'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const input = await readInput(event, planUpdateInput)
  const id = routeParam(event, 'id')
  return db.$transaction(async (tx) => {
    const before = await tx.subscriptionPlan.findUnique({ where: { id } })
    if (!before) throw NotFound('This plan does not exist.')
    const after = await tx.subscriptionPlan.update({ where: { id }, data: input })
    await writeAudit(tx, event, { action: 'update', entity: 'subscription_plan', entityId: id, before, after })
    return after
  })
})
