import { isValidInvoiceRegistrationNumber } from '../domain/referrals'
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'
import { PLAN_FEATURES } from '../domain/catalogue'
import { PREFECTURES } from '../domain/prefectures'

export const tenantStatusInput = z
  .object({
    status: z.enum(['active', 'suspended', 'past_due', 'cancelled']),
  })
  .strict()
export type TenantStatusInput = z.infer<typeof tenantStatusInput>

/** The HQ administrator who looks after a hotel (churn alerts are mailed to them); null: every HQ admin. */
export const tenantHqContactInput = z.object({ userId: z.string().trim().min(1).max(64).nullable() }).strict()

export const apiKeyInput = z
  .object({
    name: z.string().trim().min(1, fk('keyName')).max(100),
  })
  .strict()

export const planUpdateInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    monthlyPrice: z.number().int(fk('wholeYen')).min(0).max(10_000_000).optional(),
    maxRooms: z.number().int().min(1).max(100_000).optional(),
    features: z.array(z.enum(PLAN_FEATURES)).optional(),
    guaranteeDays: z.number().int().min(0).max(365).optional(),
    guaranteedRoiBps: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
export type PlanUpdateInput = z.infer<typeof planUpdateInput>

export const agentInput = z
  .object({
    companyName: z.string().trim().min(1, fk('companyName')).max(200),
    contactName: z.string().trim().min(1, fk('contactName')).max(100),
    email: z.email(fk('email')).max(254),
    phone: z.string().trim().max(30).optional(),
  })
  .strict()

export const agentUserInviteInput = z
  .object({
    email: z.email(fk('email')).max(254),
    name: z.string().trim().min(1, fk('personName')).max(100),
  })
  .strict()

export const agentUpdateInput = agentInput
  .partial()
  .extend({
    status: z.enum(['active', 'suspended']).optional(),
    territory: z.enum(PREFECTURES).nullable().optional(),
  })
  .strict()

export const rankOverrideInput = z
  .object({
    rank: z.enum(['bronze', 'silver', 'gold', 'platinum', 'diamond']),
    reason: z.string().trim().min(5, fk('rankReason')).max(500),
    // The first month ('YYYY-MM') the rank's margins apply to commissions; the next month when omitted.
    effectiveMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, fk('monthFormat'))
      .optional(),
  })
  .strict()

export const rankSettingInput = z
  .object({
    firstYearMarginBps: z.number().int().min(0).max(10_000),
    continuingMarginBps: z.number().int().min(0).max(10_000),
    annualSalesRequirement: z.number().int().min(0).max(2_000_000_000),
    benefits: z.array(z.string().trim().min(1).max(60)).max(20),
  })
  .partial()
  .strict()

/** The vendor's API: https, or plain http on the loopback interface (a local test server). */
const vendorEndpoint = z
  .url(fk('apiEndpoint'))
  .max(300)
  .refine((value) => {
    // z.url()'s failure does not stop this check: a value URL cannot parse must not throw here.
    if (!URL.canParse(value)) return false
    const url = new URL(value)
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    )
  }, fk('https'))

export const pmsVendorInput = z
  .object({
    code: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, fk('vendorCode')),
    name: z.string().trim().min(1, fk('vendorName')).max(120),
    contactName: z.string().trim().max(100).nullable().optional(),
    contactEmail: z.email(fk('email')).max(254).nullable().optional(),
    apiEndpoint: vendorEndpoint.nullable().optional(),
    commissionRateBps: z
      .number()
      .int()
      .min(0, fk('atLeastPercent', { min: 0 }))
      .max(5_000, fk('atMostPercent', { max: 50 }))
      .optional(),
    partnershipLevel: z.enum(['basic', 'preferred', 'strategic']).optional(),
  })
  .strict()

export const pmsVendorUpdateInput = pmsVendorInput
  .omit({ code: true })
  .partial()
  .extend({
    active: z.boolean().optional(),
    // 適格請求書発行事業者登録番号: T + 13 digits, check digit verified; null clears it.
    qualifiedInvoiceNumber: z
      .string()
      .trim()
      .refine(isValidInvoiceRegistrationNumber, fk('invoiceNumber'))
      .nullable()
      .optional(),
  })
  .strict()
