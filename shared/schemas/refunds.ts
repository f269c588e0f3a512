// Refund requests (risk reversal): the hotel's request, HQ's approval (with the bank transfer when
// Stripe cannot return the money) and rejection, and the queue's filter.
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const REFUND_REQUEST_TYPES = ['full_refund', 'roi_compensation'] as const
export const REFUND_REQUEST_STATUSES = ['pending', 'approved', 'refunded', 'rejected'] as const

export const refundRequestInput = z
  .object({
    type: z.enum(REFUND_REQUEST_TYPES),
    reason: z
      .string()
      .trim()
      .min(3, fk('refundRequestReason'))
      .max(1000, fk('maxChars', { max: 1000 })),
  })
  .strict()
export type RefundRequestInput = z.infer<typeof refundRequestInput>

/** The bank transfer HQ made by hand (Stripe off, or a payment made outside Stripe). */
export const manualTransferInput = z
  .object({
    bankName: z.string().trim().min(1, fk('bankName')).max(100),
    transferredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fk('date')),
    reference: z.string().trim().min(1, fk('transferReference')).max(100),
  })
  .strict()
export type ManualTransfer = z.infer<typeof manualTransferInput>

export const refundApprovalInput = z
  .object({
    /** An ROI compensation's amount (fee before tax) as HQ confirms it; ignored for a full refund. */
    amountYen: z.number().int(fk('positiveYen')).min(1, fk('positiveYen')).max(100_000_000).optional(),
    manualTransfer: manualTransferInput.optional(),
  })
  .strict()
export type RefundApprovalInput = z.infer<typeof refundApprovalInput>

export const refundRejectionInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, fk('rejectReason'))
      .max(500, fk('maxChars', { max: 500 })),
  })
  .strict()

export const refundRequestListQuery = z.object({ status: z.enum(REFUND_REQUEST_STATUSES).optional() })
