import { z } from 'zod'
import { PLAN_FEATURES } from '../domain/catalogue'

export const tenantStatusInput = z.object({
  status: z.enum(['active', 'suspended', 'past_due', 'cancelled']),
}).strict()

export const apiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key (e.g. "production").').max(100),
}).strict()

export const planUpdateInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  monthlyPrice: z.number().int('Whole yen only.').min(0).max(10_000_000).optional(),
  maxRooms: z.number().int().min(1).max(100_000).optional(),
  features: z.array(z.enum(PLAN_FEATURES)).optional(),
  guaranteeDays: z.number().int().min(0).max(365).optional(),
  guaranteedRoiBps: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
}).strict()
export type PlanUpdateInput = z.infer<typeof planUpdateInput>
