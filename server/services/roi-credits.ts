// ROI compensations approved "as a credit" ride on the hotel's next invoices that we issue (billing
// job): the part not yet credited becomes a credit line, and what the invoice could carry is
// recorded (an invoice never goes below zero; the rest waits for the next one).
import type { Prisma } from '../generated/prisma/client.ts'

type Tx = Prisma.TransactionClient

export const COMPENSATION_CREDIT_DESCRIPTION = 'ROI保証の補償クレジット'

/** The credits owed to `tenantId` on the invoice being issued (empty when none). */
export async function compensationCreditsFor(tx: Tx, tenantId: string) {
  const open = await tx.roiCompensation.findMany({ where: { tenantId, status: 'credit_pending' } })
  return open
    .map((c) => ({ description: COMPENSATION_CREDIT_DESCRIPTION, amount: c.amount - c.creditedAmount }))
    .filter((c) => c.amount > 0)
}

/** After the invoice is issued: record what its compensation credit line carried. */
export async function recordCompensationCredits(tx: Tx, tenantId: string, invoiceId: string) {
  const line = await tx.invoiceLine.findFirst({
    where: { tenantId, invoiceId, kind: 'credit', description: COMPENSATION_CREDIT_DESCRIPTION },
  })
  if (!line) return
  let left = -line.amount
  for (const c of await tx.roiCompensation.findMany({ where: { tenantId, status: 'credit_pending' } })) {
    const applied = Math.min(left, c.amount - c.creditedAmount)
    if (applied <= 0) continue
    left -= applied
    const credited = c.creditedAmount + applied
    await tx.roiCompensation.update({
      where: { tenantId_id: { tenantId, id: c.id } },
      data: {
        creditedAmount: credited,
        creditInvoiceId: invoiceId,
        ...(credited >= c.amount ? { status: 'credited' as const } : {}),
      },
    })
  }
}
