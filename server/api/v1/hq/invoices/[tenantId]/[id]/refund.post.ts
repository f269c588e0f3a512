// POST /api/v1/hq/invoices/:tenantId/:id/refund — record a full refund of a paid invoice (HQ; audited)
import { z } from 'zod'
import { refundInvoice } from '../../../../../../services/refunds'

const input = z.object({ reason: z.string().trim().min(3, 'Give the reason for the refund.').max(500) }).strict()

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const { reason } = await readInput(event, input)
  const tenantId = routeParam(event, 'tenantId')
  const id = routeParam(event, 'id')
  return db.$transaction(async (tx) => {
    const result = await refundInvoice(tx, tenantId, id, reason)
    await writeAudit(tx, event, { action: 'refund', entity: 'invoice', entityId: id, tenantId, before: { status: 'paid' }, after: { status: 'refunded', reason, ...result } })
    return result
  })
})
