import { z } from 'zod'

export const tenantStatusInput = z.object({
  status: z.enum(['active', 'suspended', 'past_due', 'cancelled']),
}).strict()

export const apiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key (e.g. "production").').max(100),
}).strict()
