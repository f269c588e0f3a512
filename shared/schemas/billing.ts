import { z } from 'zod'

export const subscriptionChangeInput = z.object({
  planCode: z.string().min(1, 'Choose a plan.'),
  billingCycle: z.enum(['monthly', 'yearly', 'biennial']),
}).strict()
export type SubscriptionChangeInput = z.infer<typeof subscriptionChangeInput>

export const refundInput = z.object({ reason: z.string().trim().min(3, 'Give the reason for the refund.').max(500) }).strict()
