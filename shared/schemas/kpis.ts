// Inputs of the executive dashboard and the referral funnel (issue 13).
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'
import { SALES_CHANNELS } from '../domain/kpis.ts'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fk('month'))

/** GET /api/v1/hq/kpis and the funnels: a month range (default: the last 12 months). */
export const kpiRangeQuery = z.object({ from: month.optional(), to: month.optional() })
export type KpiRangeQuery = z.infer<typeof kpiRangeQuery>

export const kpiCsvQuery = kpiRangeQuery.extend({
  table: z.enum(['months', 'agents', 'projection', 'funnel']).default('months'),
})

export const KPI_TARGET_KEYS = ['registered_agents', 'referral_revenue_share_bps', 'nps', 'uptime_bps'] as const

/** A target as HQ types it: counts and NPS as numbers, shares and uptime in percent. */
export const kpiTargetInput = z.object({
  key: z.enum(KPI_TARGET_KEYS),
  value: z
    .number()
    .min(-100, fk('between', { min: -100, max: 10000 }))
    .max(10_000, fk('between', { min: -100, max: 10000 })),
  byMonth: z
    .number()
    .int(fk('wholeMonths'))
    .min(1, fk('atLeast', { min: 1 }))
    .max(120)
    .nullish(),
})
export type KpiTargetInput = z.infer<typeof kpiTargetInput>

export const acquisitionSpendInput = z.object({
  channel: z.enum(SALES_CHANNELS),
  month,
  amount: z
    .number()
    .int(fk('wholeYen'))
    .min(0, fk('atLeast', { min: 0 }))
    .max(1_000_000_000),
  note: z
    .string()
    .trim()
    .max(200, fk('maxChars', { max: 200 }))
    .optional(),
})
export type AcquisitionSpendInput = z.infer<typeof acquisitionSpendInput>

/** The public NPS page: 0–10 and an optional comment. */
export const npsAnswerInput = z.object({
  token: z.string().min(20).max(100),
  score: z
    .number()
    .int()
    .min(0, fk('between', { min: 0, max: 10 }))
    .max(10, fk('between', { min: 0, max: 10 })),
  comment: z
    .string()
    .trim()
    .max(2000, fk('maxChars', { max: 2000 }))
    .optional(),
})
export type NpsAnswerInput = z.infer<typeof npsAnswerInput>
export const npsSurveyQuery = z.object({ token: z.string().min(20).max(100) })
