// PUT /api/v1/tenant/subscription — change plan or cycle from the next period (owner; audited)
import { subscriptionChangeInput } from '../../../../shared/schemas/billing'
import { changeSubscription, subscriptionSummary } from '../../../services/subscription'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Hotel admin',
  security: 'hotel',
  summary: 'change plan or cycle from the next period (owner; audited)',
  body: subscriptionChangeInput,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireTenantMember(event, { role: 'owner' })
  const input = await readInput(event, subscriptionChangeInput)
  await changeSubscription(db, input, auditActor(event))
  return subscriptionSummary(db)
})
