// PUT /api/v1/tenant/subscription — change plan or cycle from the next period (owner; audited)
import { subscriptionChangeInput } from '../../../../shared/schemas/billing'
import { changeSubscription, subscriptionSummary } from '../../../services/subscription'

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  const input = await readInput(event, subscriptionChangeInput)
  await changeSubscription(db, input, (tx, before, after) =>
    writeAudit(tx, event, { action: 'update', entity: 'subscription', entityId: db.tenantId, before, after }),
  )
  return subscriptionSummary(db)
})
