import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const subscriptionChangeInput = z
  .object({
    planCode: z.string().min(1, fk('choosePlan')),
    billingCycle: z.enum(['monthly', 'yearly', 'biennial']),
  })
  .strict()
export type SubscriptionChangeInput = z.infer<typeof subscriptionChangeInput>

export const refundInput = z.object({ reason: z.string().trim().min(3, fk('refundReason')).max(500) }).strict()
