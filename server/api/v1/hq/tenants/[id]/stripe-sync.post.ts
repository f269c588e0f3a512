// POST /api/v1/hq/tenants/:id/stripe-sync — create the hotel's Stripe customer and subscription
// if they are missing (idempotent; HQ; audited)
import { Invalid } from '../../../../../lib/errors'
import { syncTenantToStripe } from '../../../../../services/stripe-sync'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const id = routeParam(event, 'id')
  const ids = await syncTenantToStripe(id)
  if (!ids) throw Invalid('Stripe is not configured (STRIPE_SECRET_KEY).')
  await writeAudit(db, event, {
    action: 'update',
    entity: 'tenant',
    entityId: id,
    tenantId: id,
    after: { stripeCustomerId: ids.customerId, stripeSubscriptionId: ids.subscriptionId },
  })
  return ids
})
