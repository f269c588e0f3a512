// GET /api/v1/hq/outbox?to=&page=&pageSize= — every mail, newest first, with its state and body (HQ; a read, not
// audited)
import { outboxQuery } from '../../../../shared/schemas/queries'
import { listMailMessages } from '../../../services/mail'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'HQ',
  security: 'hq',
  summary:
    'the mail outbox, newest first, filtered by recipient: recipient, subject, template, language, created and ' +
    'sent times, status (pending, sent by SMTP, outbox only, failed) and the body (blanked once SMTP accepted it) ' +
    '(HQ)',
  query: outboxQuery,
})

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, outboxQuery)
  return listMailMessages(db, query)
})
