// POST /api/v1/signup — create a hotel, its owner and subscription; returns where to continue, signed in
import { signupInput } from '../../../shared/schemas/signup'
import { msg, NotFound } from '../../lib/errors'
import { signUp } from '../../services/signup'
import { syncTenantToStripe } from '../../services/stripe-sync'
import { defineApiMeta } from '../../openapi/meta'

export const meta = defineApiMeta({
  created: true,
  tag: 'Public',
  security: 'none',
  summary: 'create a hotel, its owner and subscription; returns where to continue, signed in',
  body: signupInput,
})

export default defineEventHandler(async (event) => {
  if (event.context.tenant)
    throw NotFound(
      msg('signup_on_main_site', 'お申し込みはメインサイトから行ってください。', 'Sign up on the main site.'),
    )
  const input = await readInput(event, signupInput)
  const result = await signUp(input)
  // The hotel exists either way; a Stripe failure is retried by HQ (POST /api/v1/hq/tenants/:id/stripe-sync).
  await syncTenantToStripe(result.tenant.id).catch((error: Error) =>
    console.error(`[stripe] sync of ${result.tenant.slug} failed:`, error.message),
  )
  const origin = hotelOrigin(event, result.tenant.slug)
  deleteCookie(event, REFERRAL_COOKIE)
  setResponseStatus(event, 201)
  return {
    tenant: { id: result.tenant.id, slug: result.tenant.slug, name: result.tenant.name },
    invoice: { number: result.invoice.number, total: result.invoice.total },
    referral: result.referral,
    redirectTo: `${origin}/auth/handoff?token=${encodeURIComponent(result.handoffToken)}`,
  }
})
