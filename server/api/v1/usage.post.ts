// POST /api/v1/usage — the OmotenasuAI concierge reports usage per hotel and Tokyo day (concierge
// service key). Idempotent per hotel and day, a correction replaces the day; each row is accepted
// or rejected on its own, with a code and the reason.
import { getRequestHeader } from 'h3'
import { usageUploadInput } from '../../../shared/schemas/roi'
import { langFrom } from '../../lib/locale'
import { uploadUsage } from '../../services/roi'
import { defineApiMeta } from '../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Concierge usage API',
  security: 'conciergeKey',
  summary:
    'usage per hotel (slug or id) and Tokyo day: conversations by channel, minutes saved when known, upsell ' +
    'revenue; idempotent per hotel and day, a correction replaces the day; answers accepted and rejected rows',
  body: usageUploadInput,
})

export default defineEventHandler(async (event) => {
  await requireConciergeProduct(event)
  const { rows } = await readInput(event, usageUploadInput)
  const lang = langFrom(getRequestHeader(event, 'cookie'), getRequestHeader(event, 'accept-language'))
  return uploadUsage(rows, auditActor(event), lang)
})
