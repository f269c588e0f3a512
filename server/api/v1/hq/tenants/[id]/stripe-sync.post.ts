// POST /api/v1/hq/tenants/:id/stripe-sync — create the hotel's Stripe customer and subscription
// if they are missing (idempotent; HQ; audited)
import { linkTenantToStripe } from '../../../../../services/stripe-sync'
import { defineApiMeta } from '../../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary: "create the hotel's Stripe customer and subscription if they are missing (idempotent; HQ; audited)",
})

export default defineEventHandler(async (event) => {
  await requireHq(event)
  return linkTenantToStripe(routeParam(event, 'id'), auditActor(event))
})
