import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

/** Names that can never be a hotel's subdomain. */
export const RESERVED_SUBDOMAINS = [
  'www',
  'api',
  'app',
  'agent',
  'agents',
  'hq',
  'admin',
  'signup',
  'login',
  'mail',
  'smtp',
  'static',
  'assets',
  'cdn',
  'help',
  'support',
  'status',
  'docs',
  'billing',
  'dashboard',
  'omotenasu',
  'omotenasuai',
  'dev',
  'staging',
  'test',
  'demo',
  'root',
  'pms',
]

export const signupInput = z
  .object({
    hotelName: z.string().trim().min(1, fk('hotelName')).max(120),
    subdomain: z
      .string()
      .trim()
      .toLowerCase()
      .min(3, fk('minChars', { min: 3 }))
      .max(63, fk('maxChars', { max: 63 }))
      .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, fk('subdomain'))
      .refine((s) => !RESERVED_SUBDOMAINS.includes(s), fk('subdomainReserved')),
    operatingCompany: z.string().trim().max(120).optional(),
    ownerName: z.string().trim().min(1, fk('yourName')).max(100),
    email: z.email(fk('email')).max(254),
    password: z
      .string()
      .min(10, fk('minChars', { min: 10 }))
      .max(200),
    planCode: z.string().min(1, fk('choosePlan')),
    billingCycle: z.enum(['monthly', 'yearly', 'biennial']),
    rooms: z.number().int(fk('wholeRooms')).min(1, fk('atLeastOneRoom')).max(10_000),
    referralCode: z.string().trim().max(64).optional(),
  })
  .strict()
export type SignupInput = z.infer<typeof signupInput>
