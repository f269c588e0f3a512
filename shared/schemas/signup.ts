import { z } from 'zod'

/** Names that can never be a hotel's subdomain. */
export const RESERVED_SUBDOMAINS = ['www', 'api', 'app', 'agent', 'agents', 'hq', 'admin', 'signup', 'login', 'mail', 'smtp', 'static', 'assets', 'cdn', 'help', 'support', 'status', 'docs', 'billing', 'dashboard', 'omotenasu', 'omotenasuai', 'dev', 'staging', 'test', 'demo', 'root', 'pms']

export const signupInput = z.object({
  hotelName: z.string().trim().min(1, 'Enter the hotel name.').max(120),
  subdomain: z.string().trim().toLowerCase()
    .min(3, 'At least 3 characters.').max(63, 'At most 63 characters.')
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and hyphens (not at the start or end).')
    .refine((s) => !RESERVED_SUBDOMAINS.includes(s), 'This subdomain is reserved.'),
  operatingCompany: z.string().trim().max(120).optional(),
  ownerName: z.string().trim().min(1, 'Enter your name.').max(100),
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(10, 'At least 10 characters.').max(200),
  planCode: z.string().min(1, 'Choose a plan.'),
  billingCycle: z.enum(['monthly', 'yearly', 'biennial']),
  rooms: z.number().int('Whole rooms only.').min(1, 'At least 1 room.').max(10_000),
  referralCode: z.string().trim().max(64).optional(),
}).strict()
export type SignupInput = z.infer<typeof signupInput>
