// Inputs of the ROI section: the concierge's usage upload, HQ's concierge keys and compensation
// decisions, the hotel's ROI settings.
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

const MAX_COUNT = 1_000_000

/** One day of one hotel, as the concierge reports it; checked row by row (a bad row never stops the others). */
export const usageRowInput = z
  .object({
    /** The hotel's subdomain (slug) or its id. */
    hotel: z.string().trim().min(1).max(100),
    /** The Tokyo business date. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, fk('date'))
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(d).toISOString().startsWith(d), {
        message: fk('calendarDate'),
      }),
    conversations: z
      .object({
        chat: z.number().int().min(0).max(MAX_COUNT),
        voice: z.number().int().min(0).max(MAX_COUNT),
      })
      .strict(),
    /** Staff minutes the conversations replaced, when the concierge knows them. */
    minutesSaved: z.number().int().min(0).max(MAX_COUNT).nullable().optional(),
    /** Upsell revenue attributed to the AI (orders through the concierge), whole yen. */
    upsellRevenue: z.number().int(fk('wholeYen')).min(0).max(1_000_000_000),
  })
  .strict()
export type UsageRowInput = z.infer<typeof usageRowInput>

/** The upload's envelope: up to 1,000 rows (any hotels, any days); each row is judged on its own. */
export const usageUploadInput = z.object({ rows: z.array(z.unknown()).min(1).max(1_000) }).strict()

export const conciergeKeyInput = z.object({ name: z.string().trim().min(1, fk('keyName')).max(100) }).strict()

/** HQ approves a compensation case: paid back as a refund, or as a credit on the hotel's next invoice. */
export const compensationApproveInput = z.object({ as: z.enum(['refund', 'credit']) }).strict()

export const compensationRejectInput = z
  .object({ reason: z.string().trim().min(5, fk('rankReason')).max(500) })
  .strict()

/** The two hotel settings that feed its ROI. */
export const roiSettingsInput = z
  .object({
    staffHourlyCost: z.number().int(fk('wholeYen')).min(0).max(100_000, fk('maxHourlyCost')),
    minutesSavedPerConversation: z.number().int(fk('wholeMinutes')).min(0).max(240),
  })
  .strict()
export type RoiSettingsInput = z.infer<typeof roiSettingsInput>
