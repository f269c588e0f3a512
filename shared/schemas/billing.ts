import { z } from 'zod'

export const subscriptionChangeInput = z.object({
  planCode: z.string().min(1, 'Choose a plan.'),
  billingCycle: z.enum(['monthly', 'yearly', 'biennial']),
}).strict()
export type SubscriptionChangeInput = z.infer<typeof subscriptionChangeInput>
