// POST /api/webhooks/stripe — verify Stripe's signature, then process the event exactly once
import Stripe from 'stripe'
import { Invalid, Unavailable, msg } from '../../lib/errors'
import { stripeGateway } from '../../services/stripe-sync'
import { receiveStripeEvent } from '../../services/stripe-webhooks'
import { defineApiMeta } from '../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Webhooks',
  security: 'webhook',
  summary: 'Stripe events, verified by the Stripe-Signature header (STRIPE_WEBHOOK_SECRET) and processed exactly once.',
})

export default defineEventHandler(async (event) => {
  const secret = process.env.STRIPE_WEBHOOK_SECRET
  if (!secret)
    throw Unavailable(
      msg(
        'stripe_webhook_unconfigured',
        'Stripe Webhook は設定されていません (STRIPE_WEBHOOK_SECRET)。',
        'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).',
      ),
    )
  const payload = (await readRawBody(event, false)) ?? Buffer.alloc(0)
  const signature = getRequestHeader(event, 'stripe-signature') ?? ''
  let stripeEvent: Stripe.Event
  try {
    // Verification is offline: the SDK instance needs no real key for it.
    stripeEvent = new Stripe(process.env.STRIPE_SECRET_KEY || 'sk_webhook_verification_only').webhooks.constructEvent(
      payload,
      signature,
      secret,
    )
  } catch {
    throw Invalid(
      msg(
        'stripe_signature_invalid',
        'Stripe の署名がないか、正しくありません。',
        'The Stripe signature is missing or invalid.',
      ),
    )
  }
  // Stripe on: what a payload leaves out (an invoice's payment intent) is read from Stripe's API.
  const outcome = await receiveStripeEvent(stripeEvent, stripeGateway())
  return { received: true, ...outcome }
})
