// POST /api/webhooks/pms/:vendor?secret=… — a PMS tells us something changed. The connection's
// secret (in the URL the hotel registered, or as a bearer token) is checked and the payload must
// name the connected property; the event is stored and answered 202 at once, then processed in the
// background (fetch the changed records from the vendor, upsert). The 5-minute job retries leftovers.
import { Invalid, msg } from '../../../lib/errors'
import { processWebhookEvents, receiveWebhook } from '../../../services/pms'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Webhooks',
  security: 'webhook',
  summary:
    "A PMS vendor's change notice, with the connection's secret (?secret= or Bearer); stored and answered 202 at " +
    'once, processed in the background.',
  accepted: true,
})

export default defineEventHandler(async (event) => {
  // Size (256 KB), NUL bytes and a duplicated ?secret= are refused by server/middleware/05.input.ts.
  const raw = (await readRawBody(event, 'utf8')) ?? ''
  let payload: unknown
  try {
    payload = JSON.parse(raw || 'null')
  } catch {
    throw Invalid(msg('invalid_json', 'Webhook の本文が正しい JSON ではありません。', 'The webhook body is not JSON.'))
  }
  const secret =
    (getQuery(event).secret as string | undefined) ??
    getRequestHeader(event, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ??
    null
  const stored = await receiveWebhook(routeParam(event, 'vendor'), secret, payload)
  const work = processWebhookEvents(stored.tenantId).catch((error) =>
    console.error('[pms] webhook processing failed; the sync job retries:', (error as Error).message),
  )
  event.waitUntil?.(work)
  setResponseStatus(event, 202)
  return { received: true, id: stored.eventId }
})
