// GET /api/v1/hq/outbox?to=&page=&pageSize= — every mail, newest first, with its state and body (HQ; a read, not audited)
import { outboxQuery } from '../../../../shared/schemas/queries'
import { listMailMessages } from '../../../services/mail'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const query = readQueryInput(event, outboxQuery)
  return listMailMessages(db, query)
})
