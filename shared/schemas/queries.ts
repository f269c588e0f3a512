// Query-string schemas of GET routes (shared with the OpenAPI document).
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const payoutExportQuery = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, fk('month')) })
export const payoutListQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
})
export const zenginQuery = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/, fk('month')),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, fk('transferDate'))
    .optional(),
})
export const referralCheckQuery = z.object({ code: z.string().trim().min(1).max(64) })
/** HQ's outbox: newest first, optionally only the mails to addresses containing `to`. */
export const outboxQuery = z.object({
  to: z.string().trim().max(254).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
})
export type OutboxQuery = z.infer<typeof outboxQuery>
export const zenginFileListQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
})
